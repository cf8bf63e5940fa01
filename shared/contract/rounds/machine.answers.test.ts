import { describe, expect, it } from 'vitest';
import type { RoundEventInput } from './events';
import { reduce } from './machine';
import type { QuestionRoundState } from './state';
import { T0, accept, buildRound, ctx, drive, facilitator, student, timer } from './test/factories';
import { roundIn } from './test/phaseStates';

const s = student;

function asking(overrides = {}): { state: QuestionRoundState; now: number } {
  const state = accept(
    buildRound('question_round', overrides),
    { type: 'start' },
    ctx(facilitator, T0),
  ).state;
  return { state, now: T0 + 1 };
}
function answeringRound(): { state: QuestionRoundState; now: number } {
  const { state, now } = roundIn('question_round', 'answering');
  return { state: state as QuestionRoundState, now };
}
const ask = (
  text: string,
  extra: Partial<Extract<RoundEventInput, { type: 'ask' }>> = {},
): RoundEventInput => ({ type: 'ask', text, ...extra });

describe('question round: assignment, answers, ratings, endorsement', () => {
  it('assigns the top-ranked questions to present peers when asking closes, never the asker', () => {
    const { state, now } = asking({ settings: { topQuestions: 1, answerersPerQuestion: 2 } });
    const ready = drive(
      state,
      [
        [ask('How does paging work?'), s(1)],
        [ask('What is a semaphore?'), s(2)],
        [{ type: 'vote', questionId: 'q2', value: 1 }, s(3)],
        [{ type: 'vote', questionId: 'q2', value: 1 }, s(4)],
      ],
      now,
    ).state;
    const { state: next, effects } = accept(
      ready,
      { type: 'closePhase', phase: 'asking' },
      ctx(timer, ready.deadline as number),
    );
    expect(next.phase).toBe('answering');
    expect(next.deadline).toBe((ready.deadline as number) + 300_000);
    const q2 = next.questions[1];
    expect(q2?.assignedTo).toHaveLength(2);
    expect(q2?.assignedTo).not.toContain('s-2-x');
    expect(next.questions[0]?.assignedTo).toEqual([]);
    expect(effects).toContainEqual({
      type: 'questions_assigned',
      assignments: [{ questionId: 'q2', userIds: q2?.assignedTo }],
    });
    for (const u of q2?.assignedTo ?? [])
      expect(effects).toContainEqual({
        type: 'notify',
        to: { kind: 'users', userIds: [u] },
        message: { type: 'questions_assigned', questionIds: ['q2'] },
      });
  });

  it('lets the facilitator assign more answerers, but never the asker', () => {
    const { state, now } = answeringRound();
    const { state: next, effects } = accept(
      state,
      { type: 'assign', questionId: 'q1', userIds: ['s-7-x', 's-2-x'] },
      ctx(facilitator, now),
    );
    expect(next.questions[0]?.assignedTo.slice().sort()).toEqual(['s-2-x', 's-3-x', 's-7-x']);
    expect(effects[0]).toEqual({
      type: 'questions_assigned',
      assignments: [{ questionId: 'q1', userIds: ['s-7-x'] }],
    });
    expect(
      reduce(state, { type: 'assign', questionId: 'q1', userIds: ['s-1-x'] }, ctx(facilitator, now)),
    ).toMatchObject({ error: 'own_question' });
    expect(
      reduce(state, { type: 'assign', questionId: 'q1', userIds: ['s-2-x'] }, ctx(facilitator, now)),
    ).toEqual({ state, effects: [] });
    expect(
      reduce(state, { type: 'assign', questionId: 'q5', userIds: ['s-2-x'] }, ctx(facilitator, now)),
    ).toMatchObject({ error: 'unknown_question' });
  });

  it('takes one answer per assigned peer and tells the asker', () => {
    const { state, now } = answeringRound();
    const answer: RoundEventInput = {
      type: 'answerQuestion',
      questionId: 'q1',
      text: 'Pages are fixed-size blocks.',
      idempotencyKey: 'a',
    };
    const { state: next, effects } = accept(state, answer, ctx(s(2), now));
    expect(next.answers[1]).toMatchObject({
      id: 'a2',
      authorId: 's-2-x',
      byFacilitator: false,
      endorsed: false,
    });
    expect(effects).toEqual([
      {
        type: 'notify',
        to: { kind: 'users', userIds: ['s-1-x'] },
        message: { type: 'question_answered', questionId: 'q1' },
      },
    ]);
    expect(reduce(next, answer, ctx(s(2), now + 1))).toEqual({ state: next, effects: [] });
    expect(reduce(next, { ...answer, idempotencyKey: 'b' }, ctx(s(2), now + 1))).toMatchObject({
      error: 'already_answered',
    });
    expect(reduce(state, answer, ctx(s(6), now))).toMatchObject({ error: 'not_assigned' });
    expect(reduce(state, answer, ctx(s(1), now))).toMatchObject({ error: 'own_question' });
    expect(reduce(state, { ...answer, questionId: 'q4' }, ctx(s(2), now))).toMatchObject({
      error: 'unknown_question',
    });
    expect(reduce(state, answer, ctx(s(2), (state.deadline as number) + 1))).toMatchObject({
      error: 'deadline_passed',
    });
  });

  it('lets a facilitator answer directly; such an answer is endorsed', () => {
    const { state } = answeringRound();
    expect(state.answers[0]).toMatchObject({
      id: 'a1',
      byFacilitator: true,
      endorsed: true,
      authorName: 'Fran Facilitator',
    });
  });

  it('takes ratings from peers, refuses rating one’s own answer and repeating a rating', () => {
    const start = answeringRound();
    const now = start.now;
    let state = start.state;
    state = accept(
      state,
      { type: 'answerQuestion', questionId: 'q1', text: 'Fixed-size blocks.' },
      ctx(s(2), now),
    ).state;
    const rated = accept(
      state,
      { type: 'rate', answerId: 'a2', value: 1, idempotencyKey: 'r' },
      ctx(s(1), now),
    ).state;
    expect(rated.answers[1]?.ratings).toEqual([{ userId: 's-1-x', value: 1, key: 'r' }]);
    expect(reduce(rated, { type: 'rate', answerId: 'a2', value: 1 }, ctx(s(1), now))).toMatchObject({
      error: 'duplicate_vote',
    });
    expect(
      reduce(rated, { type: 'rate', answerId: 'a2', value: 1, idempotencyKey: 'r' }, ctx(s(1), now)),
    ).toEqual({ state: rated, effects: [] });
    expect(
      accept(rated, { type: 'rate', answerId: 'a2', value: -1 }, ctx(s(1), now)).state.answers[1]?.ratings[0]
        ?.value,
    ).toBe(-1);
    expect(reduce(rated, { type: 'rate', answerId: 'a2', value: 1 }, ctx(s(2), now))).toMatchObject({
      error: 'own_question',
    });
    expect(reduce(rated, { type: 'rate', answerId: 'a9', value: 1 }, ctx(s(3), now))).toMatchObject({
      error: 'unknown_question',
    });
  });

  it('endorses a peer answer and tells its author; repeating is a no-op', () => {
    const start = answeringRound();
    const now = start.now;
    let state = start.state;
    state = accept(
      state,
      { type: 'answerQuestion', questionId: 'q1', text: 'Fixed-size blocks.' },
      ctx(s(3), now),
    ).state;
    const { state: endorsed, effects } = accept(
      state,
      { type: 'endorse', answerId: 'a2' },
      ctx(facilitator, now),
    );
    expect(endorsed.answers[1]?.endorsed).toBe(true);
    expect(effects).toEqual([
      {
        type: 'notify',
        to: { kind: 'users', userIds: ['s-3-x'] },
        message: { type: 'answer_endorsed', answerId: 'a2' },
      },
    ]);
    expect(reduce(endorsed, { type: 'endorse', answerId: 'a2' }, ctx(facilitator, now))).toEqual({
      state: endorsed,
      effects: [],
    });
    expect(
      accept(endorsed, { type: 'endorse', answerId: 'a2', endorsed: false }, ctx(facilitator, now)).state
        .answers[1]?.endorsed,
    ).toBe(false);
  });

  it('writes endorsed Q&A back at the end, keeping anonymous askers and answerers anonymous', () => {
    const { state, now } = asking();
    let round = drive(
      state,
      [
        [ask('How does paging work?', { anonymous: true }), s(1)],
        [{ type: 'join' }, s(2)],
        [ask('What is a semaphore?'), s(3)],
      ],
      now,
    ).state;
    round = accept(round, { type: 'closePhase', phase: 'asking' }, ctx(facilitator, now + 10)).state;
    const answerer = round.questions[0]?.assignedTo[0] as string;
    round = accept(
      round,
      { type: 'answerQuestion', questionId: 'q1', text: 'Fixed-size pages map to frames.', anonymous: true },
      ctx({ userId: answerer, role: 'student', name: 'Peer' }, now + 11),
    ).state;
    round = accept(round, { type: 'endorse', answerId: 'a1' }, ctx(facilitator, now + 12)).state;
    const { state: ended, effects } = accept(round, { type: 'advance' }, ctx(facilitator, now + 13));
    expect(ended.writtenBack).toBe(true);
    expect(effects).toContainEqual({
      type: 'write_back',
      summary: {
        kind: 'question_round',
        roundId: round.id,
        at: now + 13,
        topic: round.topic,
        entries: [
          {
            questionId: 'q1',
            question: 'How does paging work?',
            askedBy: null,
            sectionId: null,
            answers: [
              { answerId: 'a1', text: 'Fixed-size pages map to frames.', author: null, byFacilitator: false },
            ],
          },
        ],
      },
    });
  });

  it('ends without a write-back when nothing was endorsed', () => {
    const { state, now } = asking();
    const closed = accept(
      accept(state, { type: 'closePhase', phase: 'asking' }, ctx(facilitator, now)).state,
      { type: 'advance' },
      ctx(facilitator, now + 1),
    );
    expect(closed.effects.map((e) => e.type)).toEqual(['cancel_deadline', 'phase_changed', 'notify']);
  });
});
