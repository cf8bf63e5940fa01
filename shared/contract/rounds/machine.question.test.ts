import { describe, expect, it } from 'vitest';
import type { RoundEventInput } from './events';
import { reduce } from './machine';
import type { QuestionRoundState } from './state';
import { T0, accept, buildRound, ctx, drive, facilitator, student } from './test/factories';

const s = student;

function asking(overrides = {}): { state: QuestionRoundState; now: number } {
  const state = accept(
    buildRound('question_round', overrides),
    { type: 'start' },
    ctx(facilitator, T0),
  ).state;
  return { state, now: T0 + 1 };
}
const ask = (
  text: string,
  extra: Partial<Extract<RoundEventInput, { type: 'ask' }>> = {},
): RoundEventInput => ({ type: 'ask', text, ...extra });

describe('question round: asking', () => {
  it('opens with the 5-minute default and records questions with ids in order', () => {
    const { state, now } = asking();
    expect(state.deadline).toBe(T0 + 300_000);
    const next = drive(
      state,
      [
        [ask('How does paging work?', { anonymous: true }), s(1)],
        [ask('What is a semaphore?'), s(2)],
      ],
      now,
    ).state;
    expect(next.questions.map((q) => [q.id, q.authorId, q.anonymous, q.duplicateOf])).toEqual([
      ['q1', 's-1-x', true, null],
      ['q2', 's-2-x', false, null],
    ]);
  });

  it('treats a retried ask as a no-op and refuses a reused key for other text', () => {
    const { state, now } = asking();
    const first = accept(state, ask('How does paging work?', { idempotencyKey: 'k' }), ctx(s(1), now)).state;
    expect(reduce(first, ask('How does paging work?', { idempotencyKey: 'k' }), ctx(s(1), now + 1))).toEqual({
      state: first,
      effects: [],
    });
    expect(
      reduce(first, ask('Something else entirely?', { idempotencyKey: 'k' }), ctx(s(1), now + 1)),
    ).toMatchObject({ error: 'invalid' });
  });

  it('limits questions per student and refuses anonymity when the round does not allow it', () => {
    const { state, now } = asking({ settings: { allowAnonymous: false } });
    expect(reduce(state, ask('Why?', { anonymous: true }), ctx(s(1), now))).toMatchObject({
      error: 'anonymous_off',
    });
    const topics = ['paging', 'segmentation', 'semaphores', 'monitors', 'deadlocks'];
    const full = drive(
      state,
      topics.map((t) => [ask(`Explain ${t} with an example, please`), s(1)]),
      now,
    ).state;
    expect(full.questions).toHaveLength(5);
    expect(reduce(full, ask('And scheduling of threads?'), ctx(s(1), now + 10))).toMatchObject({
      error: 'invalid',
    });
  });

  it('refuses questions after the deadline', () => {
    const { state } = asking();
    expect(reduce(state, ask('Late?'), ctx(s(1), (state.deadline as number) + 1))).toMatchObject({
      error: 'deadline_passed',
    });
  });

  it('merges a near-duplicate into the earlier question and counts it as a vote there', () => {
    const { state, now } = asking();
    const first = accept(state, ask('How does a thread differ from a process?'), ctx(s(1), now)).state;
    const { state: merged, effects } = accept(
      first,
      ask('What is the difference between a process and a thread?'),
      ctx(s(2), now + 1),
    );
    expect(merged.questions[1]).toMatchObject({ id: 'q2', duplicateOf: 'q1' });
    expect(merged.questions[0]?.votes).toEqual([{ userId: 's-2-x', value: 1, key: null }]);
    expect(effects).toEqual([
      {
        type: 'notify',
        to: { kind: 'users', userIds: ['s-2-x'] },
        message: { type: 'duplicate_merged', questionId: 'q2', duplicateOf: 'q1' },
      },
    ]);
  });

  it('points a question the notes already answer to the passage', () => {
    const { state, now } = asking();
    const notes = [{ id: 'h-7', text: 'Processes and threads', heading: true }];
    const { state: next, effects } = accept(state, ask('Difference between processes and threads?'), {
      ...ctx(s(1), now),
      notes,
    });
    expect(next.questions[0]?.answeredInNotes).toEqual({ passageId: 'h-7', score: 1 });
    expect(effects).toContainEqual({
      type: 'notify',
      to: { kind: 'users', userIds: ['s-1-x'] },
      message: { type: 'answered_in_notes', questionId: 'q1', passageId: 'h-7' },
    });
  });
});

describe('question round: votes', () => {
  const withQuestion = () => {
    const { state, now } = asking();
    return { state: accept(state, ask('How does paging work?'), ctx(s(1), now)).state, now: now + 1 };
  };

  it('up-votes, changes to a down-vote and withdraws', () => {
    const { state, now } = withQuestion();
    const up = accept(state, { type: 'vote', questionId: 'q1', value: 1 }, ctx(s(2), now)).state;
    expect(up.questions[0]?.votes).toEqual([{ userId: 's-2-x', value: 1, key: null }]);
    const down = accept(up, { type: 'vote', questionId: 'q1', value: -1 }, ctx(s(2), now)).state;
    expect(down.questions[0]?.votes).toEqual([{ userId: 's-2-x', value: -1, key: null }]);
    const none = accept(down, { type: 'vote', questionId: 'q1', value: 0 }, ctx(s(2), now)).state;
    expect(none.questions[0]?.votes).toEqual([]);
  });

  it('refuses a repeated vote unless it is a retry with the same key', () => {
    const { state, now } = withQuestion();
    const up = accept(
      state,
      { type: 'vote', questionId: 'q1', value: 1, idempotencyKey: 'v1' },
      ctx(s(2), now),
    ).state;
    expect(reduce(up, { type: 'vote', questionId: 'q1', value: 1 }, ctx(s(2), now))).toMatchObject({
      error: 'duplicate_vote',
    });
    expect(
      reduce(up, { type: 'vote', questionId: 'q1', value: 1, idempotencyKey: 'v1' }, ctx(s(2), now)),
    ).toEqual({ state: up, effects: [] });
    expect(reduce(state, { type: 'vote', questionId: 'q1', value: 0 }, ctx(s(2), now))).toMatchObject({
      error: 'duplicate_vote',
    });
    expect(
      reduce(state, { type: 'vote', questionId: 'q1', value: 0, idempotencyKey: 'w' }, ctx(s(2), now)),
    ).toEqual({ state, effects: [] });
  });

  it('refuses votes on one’s own question and on unknown questions', () => {
    const { state, now } = withQuestion();
    expect(reduce(state, { type: 'vote', questionId: 'q1', value: 1 }, ctx(s(1), now))).toMatchObject({
      error: 'own_question',
    });
    expect(reduce(state, { type: 'vote', questionId: 'q9', value: 1 }, ctx(s(2), now))).toMatchObject({
      error: 'unknown_question',
    });
  });

  it('counts a vote on a merged question for the question it was merged into', () => {
    const { state, now } = asking();
    const merged = drive(
      state,
      [
        [ask('How does a thread differ from a process?'), s(1)],
        [ask('Difference between a process and a thread?'), s(2)],
      ],
      now,
    ).state;
    const voted = accept(merged, { type: 'vote', questionId: 'q2', value: 1 }, ctx(s(3), now + 5)).state;
    expect(voted.questions[0]?.votes.map((v) => v.userId)).toEqual(['s-2-x', 's-3-x']);
    expect(voted.questions[1]?.votes).toEqual([]);
    expect(reduce(voted, { type: 'vote', questionId: 'q2', value: 1 }, ctx(s(1), now + 6))).toMatchObject({
      error: 'own_question',
    });
  });
});
