import { describe, expect, it } from 'vitest';
import { ERASED_NAME, rewriteJson, rewriteJsonText, type Replacement } from './pseudonymize';

const r: Replacement = {
  ids: ['u-42'],
  pseudonym: 'erased_x',
  names: ['Ada Byron', 'Al'],
  name: ERASED_NAME,
};

describe('rewriting a person out of JSON', () => {
  it('replaces ids and names in values, arrays and keys, and leaves everything else', () => {
    const state = {
      roster: [
        { userId: 'u-42', name: 'Ada Byron' },
        { userId: 'u-7', name: 'Grace' },
      ],
      groups: [{ members: ['u-42', 'u-7'] }],
      audience: 'user:u-42',
      byUser: { 'u-42': 3 },
      text: 'Ask Ada Byron about Algebra',
      count: 3,
    };
    expect(rewriteJson(state, r)).toEqual({
      roster: [
        { userId: 'erased_x', name: ERASED_NAME },
        { userId: 'u-7', name: 'Grace' },
      ],
      groups: [{ members: ['erased_x', 'u-7'] }],
      audience: 'user:erased_x',
      byUser: { erased_x: 3 },
      // Names shorter than three characters are not replaced inside other words.
      text: `Ask ${ERASED_NAME} about Algebra`,
      count: 3,
    });
  });

  it('answers null for a text that does not mention the person, so the row is not written', () => {
    expect(rewriteJsonText(JSON.stringify({ userId: 'u-7' }), r)).toBeNull();
    expect(rewriteJsonText(JSON.stringify({ userId: 'u-42' }), r)).toBe('{"userId":"erased_x"}');
  });
});
