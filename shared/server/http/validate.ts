import type { z } from 'zod';
import type { FieldIssue } from '../../contract/errors';
import { ValidationError } from '../errors';

/** Parses a request part with its schema; failures become `validation_failed` with field paths. */
export function parsePart<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query' | 'params',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.slice(0, 20).map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
  }));
  throw new ValidationError(where, issues);
}
