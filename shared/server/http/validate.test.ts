import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../errors';
import { parsePart } from './validate';

const schema = z.object({ name: z.string(), tags: z.record(z.string(), z.unknown()).optional() });

const issuesOf = (value: unknown) => {
  try {
    parsePart(schema, value, 'body');
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).details as { where: string; issues: Array<{ path: string }> };
  }
};

describe('parsePart', () => {
  it('passes text any store keeps, including emoji (surrogate pairs) and U+FFFD', () => {
    expect(parsePart(schema, { name: 'Café 🎓 \ufffd' }, 'body')).toEqual({ name: 'Café 🎓 \ufffd' });
  });

  // Found by tests/proving/badInput.test.ts: PATCH /classes/:classId {"name":"\u0000"} was a 500 on PostgreSQL.
  it('refuses a NUL character and an unpaired surrogate, in values and in keys, naming the field', () => {
    expect(issuesOf({ name: 'a\u0000b' })?.issues[0]?.path).toBe('name');
    expect(issuesOf({ name: 'a\ud800b' })?.issues[0]?.path).toBe('name');
    expect(issuesOf({ name: 'ok', tags: { deep: [{ x: '\udc00' }] } })?.issues[0]?.path).toBe(
      'tags.deep.0.x',
    );
    expect(issuesOf({ name: 'ok', tags: { 'k\u0000': 1 } })?.issues[0]?.path).toBe('tags.k\u0000');
  });

  it('walks deeply nested input without recursion', () => {
    let deep: unknown = 'end';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(parsePart(schema, { name: 'ok', tags: { deep } }, 'body').name).toBe('ok');
  });
});
