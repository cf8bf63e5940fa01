/** An entry that belongs to one user: a vote, an answer, a roster line. */
export interface ByUser {
  userId: string;
}

/*
 * Per-user data is kept in arrays, not objects keyed by user id: copying an array of 2,000 entries on each
 * accepted event is about twenty times cheaper than copying an object with 2,000 keys, and no user id can
 * collide with an Object.prototype member ("constructor", "__proto__").
 */

/** The entry of `userId`, if any. */
export function findByUser<T extends ByUser>(list: readonly T[], userId: string): T | undefined {
  return list.find((x) => x.userId === userId);
}

/** A copy of `list` with `item` replacing the entry of the same user, or appended. */
export function upsertByUser<T extends ByUser>(list: readonly T[], item: T): T[] {
  const i = list.findIndex((x) => x.userId === item.userId);
  if (i < 0) return [...list, item];
  const out = list.slice();
  out[i] = item;
  return out;
}

/** A copy of `list` without the entry of `userId`. */
export function removeByUser<T extends ByUser>(list: readonly T[], userId: string): T[] {
  return list.filter((x) => x.userId !== userId);
}
