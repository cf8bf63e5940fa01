import type { z } from 'zod';
import type { FieldIssue } from '../../contract/errors';
import { ValidationError } from '../errors';

// NUL cannot be stored in PostgreSQL text or jsonb, and an unpaired surrogate cannot be encoded as UTF-8
// (jsonb refuses its escape): both would fail deep in a store as a 500, so they are refused up front.
const LONE_SURROGATE = /\p{Cs}/u;
const unstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

/** The path of the first string or key holding text no store can keep, or null. Iterative: input may nest deeply. */
function unstorableText(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (unstorable(v)) return path || '(root)';
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (unstorable(k)) return at;
        stack.push([child, at]);
      }
    }
  }
  return null;
}

/** Parses a request part with its schema; failures become `validation_failed` with field paths. */
export function parsePart<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query' | 'params',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) {
    const at = unstorableText(result.data);
    if (at === null) return result.data;
    throw new ValidationError(where, [
      { path: at, message: 'Text must not contain NUL characters or unpaired surrogates' },
    ]);
  }
  const issues: FieldIssue[] = result.error.issues.slice(0, 20).map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
  }));
  throw new ValidationError(where, issues);
}
