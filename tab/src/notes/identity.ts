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

/**
 * Colours for the people present, distinct while there are no more of them than colours: each keeps
 * their own colour unless someone earlier (by id) has it, then takes the next free one. Every client sees
 * the same people and so computes the same answer.
 */
export function assignColors(userIds: Iterable<string>): Map<string, string> {
  const ids = [...new Set(userIds)].sort();
  const taken = new Set<number>();
  const out = new Map<string, string>();
  for (const id of ids) {
    const preferred = fnv1a(id) % USER_COLORS.length;
    let index = preferred;
    for (let step = 0; step < USER_COLORS.length && taken.has(index); step++)
      index = (preferred + step + 1) % USER_COLORS.length;
    if (taken.has(index)) index = preferred; // more people than colours: repeats cannot be avoided
    taken.add(index);
    out.set(id, USER_COLORS[index] ?? USER_COLORS[0]);
  }
  return out;
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
