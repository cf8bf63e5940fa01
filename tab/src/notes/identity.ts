/**
 * Caret and presence colours. Every colour carries white label text at a WCAG AA contrast of at least
 * 4.5:1 (checked by the test), and the hues are far enough apart to tell neighbours apart.
 */
export const USER_COLORS = [
  '#0f6cbd',
  '#c50f1f',
  '#107c10',
  '#5c2e91',
  '#b4009e',
  '#00666d',
  '#8e562e',
  '#ae3d00',
  '#2f5f8a',
  '#8764b8',
  '#3b6e00',
  '#b01e6f',
] as const;

/** FNV-1a over UTF-16 code units: tiny, stable across browsers and sessions, well spread for short ids. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The colour of a person, the same on every device and in every session (`#rrggbb`, as the caret needs). */
export function colorForUser(userId: string): string {
  return USER_COLORS[fnv1a(userId) % USER_COLORS.length] ?? USER_COLORS[0];
}

/** Who is editing, as the editor shows them to others. */
export interface NoteIdentity {
  userId: string;
  name: string;
  color: string;
}

/** The identity shown on carets and in the presence list. */
export function noteIdentity(userId: string, name: string): NoteIdentity {
  return { userId, name: name.trim() || userId, color: colorForUser(userId) };
}
