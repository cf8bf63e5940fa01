import { describe, expect, it } from 'vitest';
import { parsePollText } from './quickText';

describe('parsePollText', () => {
  it('reads a multiple-choice poll, anonymous by default', () => {
    expect(parsePollText('Which topic next? | Paging | Threads')).toEqual({
      ok: true,
      round: {
        kind: 'poll',
        question: 'Which topic next?',
        options: ['Paging', 'Threads'],
        settings: { anonymous: true },
      },
    });
  });

  it('reads a named 1-10 scale poll', () => {
    expect(parsePollText('named 1-10 How clear was today?')).toEqual({
      ok: true,
      round: { kind: 'poll', question: 'How clear was today?', scale: 10, settings: { anonymous: false } },
    });
  });

  it.each([
    ['', 'Write the question first'],
    ['Only a question', 'at least 2 options'],
    ['1-5 Q? | a | b', 'no options of its own'],
    ['Q? | a | | b', 'Option 2 is empty'],
    ['Q? | a | A', 'Two options are the same'],
    [`Q? ${'| x'.repeat(11)}`, 'at most 10 options'],
  ])('refuses %j with a sentence that says why', (args, message) => {
    const r = parsePollText(args);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});
