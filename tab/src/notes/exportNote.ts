import type { SessionId } from '../../../shared/contract/ids';
import type { TabApi } from '../api/tabApi';
import { fileSlug, saveTextFile } from '../lib/download';

/** A file name from a session title: letters, digits and dashes, never empty. */
export function markdownFileName(title: string): string {
  return `${fileSlug(title, 'notes')}.md`;
}

/** Downloads the note as Markdown rendered by the service (`GET .../notes.md`). Returns the file name. */
export async function downloadMarkdown(api: TabApi, sessionId: SessionId, title: string): Promise<string> {
  const markdown = await api.call('exportNoteMarkdown', { params: { sessionId } });
  const file = markdownFileName(title);
  saveTextFile(markdown, file, 'text/markdown');
  return file;
}
