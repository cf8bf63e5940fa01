import type { SessionId } from '../../../shared/contract/ids';
import type { TabApi } from '../api/tabApi';
import { fileSlug, saveTextFile } from '../lib/download';

/** A CSV file name from a session title: letters, digits and dashes, never empty. */
export function csvFileName(title: string): string {
  return `${fileSlug(title, 'session')}-rounds.csv`;
}

/** Downloads a session's round results as CSV (the service renders it; the call carries the token). */
export async function downloadRoundResults(
  api: TabApi,
  sessionId: SessionId,
  title: string,
): Promise<string> {
  const csv = await api.call('exportRoundResults', { params: { sessionId } });
  const file = csvFileName(title);
  saveTextFile(csv, file, 'text/csv');
  return file;
}
