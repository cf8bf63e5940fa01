import type { SessionId } from '../../../shared/contract/ids';
import type { TabApi } from '../api/tabApi';

/** A file name from a session title: letters, digits and dashes, never empty. */
export function markdownFileName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'notes'}.md`;
}

/**
 * Downloads the note as Markdown rendered by the service (`GET .../notes.md`, with the bearer token, so
 * a plain link would not do). Returns the file name.
 */
export async function downloadMarkdown(api: TabApi, sessionId: SessionId, title: string): Promise<string> {
  const markdown = await api.call('exportNoteMarkdown', { params: { sessionId } });
  const file = markdownFileName(title);
  const url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown;charset=utf-8' }));
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
