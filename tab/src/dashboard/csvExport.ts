import type { SessionId } from '../../../shared/contract/ids';
import type { TabApi } from '../api/tabApi';

/** A CSV file name from a session title: letters, digits and dashes, never empty. */
export function csvFileName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'session'}-rounds.csv`;
}

/** Downloads a session's round results as CSV (the service renders it; the call carries the token). */
export async function downloadRoundResults(
  api: TabApi,
  sessionId: SessionId,
  title: string,
): Promise<string> {
  const csv = await api.call('exportRoundResults', { params: { sessionId } });
  const file = csvFileName(title);
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers start reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return file;
}
