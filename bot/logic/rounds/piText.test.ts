import { describe, expect, it } from 'vitest';
import { parsePiText } from './piText';

describe('parsePiText', () => {
  it('reads the question, the options and the starred correct option', () => {
    expect(parsePiText('What is 2+2? | 3 | 4* | 5')).toEqual({
      ok: true,
      question: 'What is 2+2?',
      options: ['3', '4', '5'],
      correctOption: 1,
    });
  });

  it('treats a question without a star as an opinion question', () => {
    expect(parsePiText('Best editor? | vim | emacs')).toMatchObject({ ok: true, correctOption: null });
  });

  it('keeps a star inside an option and trims spaces around the mark', () => {
    expect(parsePiText('Which? | a*b | c  * ')).toMatchObject({
      ok: true,
      options: ['a*b', 'c'],
      correctOption: 1,
    });
  });

  it.each([
    ['', /Write the question first/],
    ['| a | b', /Write the question first/],
    ['Only a question', /at least 2 options/],
    ['Q | one', /at least 2 options/],
    ['Q | a | b | c | d | e | f | g', /at most 6 options/],
    ['Q | a |  | c', /Option 2 is empty/],
    ['Q | a* | b*', /only one option/],
    ['Q | Same | same', /the same/],
    [`${'q'.repeat(1001)} | a | b`, /question is too long/],
    [`Q | ${'o'.repeat(301)} | b`, /Option 1 is too long/],
  ])('refuses %j with a specific sentence', (text, message) => {
    const result = parsePiText(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});
