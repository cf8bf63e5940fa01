import { describe, expect, it } from 'vitest';
import { readComposeForm } from './composeForm';

const form = (over: Record<string, unknown> = {}) => ({
  classId: 'cls_1',
  question: 'Which is stable?',
  option0: 'Quicksort',
  option1: 'Merge sort',
  option2: 'Heapsort',
  correct: '1',
  answeringSec: '90',
  discussionSec: '120',
  ...over,
});

describe('compose form', () => {
  it('makes a Peer Instruction round with the chosen timing', () => {
    expect(readComposeForm(form())).toEqual({
      ok: true,
      round: {
        kind: 'peer_instruction',
        question: 'Which is stable?',
        options: ['Quicksort', 'Merge sort', 'Heapsort'],
        correctOption: 1,
        settings: { durations: { answering: 90_000, discussion: 120_000 } },
      },
    });
  });

  it('accepts an opinion question and the default times', () => {
    const read = readComposeForm(form({ correct: 'none', answeringSec: '', discussionSec: undefined }));
    expect(read).toMatchObject({
      ok: true,
      round: { correctOption: null, settings: { durations: { answering: 75_000 } } },
    });
  });

  it.each([
    [{ question: ' ' }, /Write the question/],
    [{ option1: '' }, /Option B is empty/],
    [{ option1: '', option2: '' }, /at least 2 options/],
    [{ correct: '4' }, /Option E is empty/],
    [{ correct: undefined }, /Pick the correct option/],
    [{ answeringSec: '5' }, /offered times/],
    [{ option0: 'x'.repeat(301) }, /Option A is too long/],
  ])('refuses %j and keeps what was typed', (over, message) => {
    const read = readComposeForm(form(over));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.message).toMatch(message);
    expect(read.values.option0).toBe(String(form(over).option0));
  });
});
