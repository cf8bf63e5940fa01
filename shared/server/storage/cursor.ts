import { LIMITS } from '../../contract/limits';
import { ValidationError } from '../errors';

/** Position after the last item of a page: the sort time and the id, to break ties. */
export interface Cursor {
  at: number;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');
}

/** Decodes a cursor from a query string; a cursor that was not made by us is a validation error. */
export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    // Times are integer milliseconds: a fraction or a huge number would reach PostgreSQL's bigint and fail there.
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'number' &&
      Number.isSafeInteger(parsed[0]) &&
      typeof parsed[1] === 'string' &&
      parsed[1].length <= LIMITS.idMax
    ) {
      return { at: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('query', [{ path: 'cursor', message: 'Not a cursor from a previous page.' }]);
}

/** Cuts one extra fetched row off and makes the next cursor from the last kept row. */
export function toPage<T>(rows: T[], limit: number, key: (row: T) => Cursor) {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor(key(last)) : null };
}
