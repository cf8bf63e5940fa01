/** What replaces a person's identity in data that stays: the stable pseudonym and a neutral name. */
export interface Replacement {
  /** Strings that identify the person (their user id), each replaced by `pseudonym`. */
  ids: string[];
  pseudonym: string;
  /** Display names of the person, each replaced by `name`. */
  names: string[];
  name: string;
}

/** The display name shown where an erased person's name was. */
export const ERASED_NAME = 'Former participant';

function rewriteString(value: string, r: Replacement): string {
  let out = value;
  for (const id of r.ids) if (id && out.includes(id)) out = out.split(id).join(r.pseudonym);
  // Short names ("Al") would hit unrelated words; ids above are always replaced.
  for (const name of r.names) if (name.length >= 3 && out.includes(name)) out = out.split(name).join(r.name);
  return out;
}

/**
 * A copy of a JSON value with every occurrence of the person's ids and names replaced, in values and in
 * object keys: round states and event payloads mention people in ids, arrays of ids, names and maps.
 */
export function rewriteJson(value: unknown, r: Replacement): unknown {
  if (typeof value === 'string') return rewriteString(value, r);
  if (Array.isArray(value)) return value.map((v) => rewriteJson(v, r));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[rewriteString(k, r)] = rewriteJson(v, r);
    return out;
  }
  return value;
}

/** Rewrites a JSON text; returns null when nothing changed (so the row need not be written). */
export function rewriteJsonText(text: string, r: Replacement): string | null {
  if (!mentions(text, r)) return null;
  const next = JSON.stringify(rewriteJson(JSON.parse(text), r));
  return next === text ? null : next;
}

/** Whether a text mentions the person at all (a cheap check before parsing). */
export function mentions(text: string, r: Replacement): boolean {
  return (
    r.ids.some((id) => id && text.includes(id)) || r.names.some((n) => n.length >= 3 && text.includes(n))
  );
}
