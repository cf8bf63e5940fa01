import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  median,
  normalizedChange,
  piAnalytics,
  questionRoundAnalytics,
  sessionAnalytics,
  muddyAnalytics,
} from './analytics';
import { REMOVED_TEXT } from '../removedText';
import type { Actor } from './events';
import type { PiState, QuestionRoundState } from './state';
import { T0, accept, buildRound, ctx, drive, facilitator, student, timer } from './test/factories';

const s = student;

/** The worked example: 10 first votes (4 correct), 9 of them re-vote (plus one newcomer), correct option 1. */
function workedPi(): PiState {
  const before = [1, 1, 1, 0, 0, 2, 2, 3, 0, 1];
  const after = [1, 1, 0, 1, 1, 2, 1, 3, 0];
  let state = buildRound('peer_instruction');
  state = drive(state, [[{ type: 'start', eligibleCount: 20 }, facilitator]]).state;
  before.forEach((option, i) => {
    const confidence = option === 1 ? 'high' : 'low';
    state = accept(state, { type: 'answer', option, confidence }, ctx(s(i + 1), T0 + 10 + i)).state;
  });
  state = drive(
    state,
    [
      [{ type: 'closePhase', phase: 'answering' }, facilitator],
      [{ type: 'advance', to: 'discussion' }, facilitator],
      [{ type: 'closePhase', phase: 'discussion' }, facilitator],
    ],
    T0 + 100,
  ).state;
  after.forEach((option, i) => {
    state = accept(
      state,
      { type: 'revote', option, confidence: 'medium' },
      ctx(s(i + 1), T0 + 200 + i),
    ).state;
  });
  state = accept(state, { type: 'revote', option: 2, confidence: 'medium' }, ctx(s(11), T0 + 300)).state;
  return accept(state, { type: 'closePhase', phase: 'revote' }, ctx(facilitator, T0 + 400)).state;
}

describe('normalizedChange', () => {
  it('is the share of the possible gain achieved', () => {
    expect(normalizedChange(0.52, 0.68)).toBeCloseTo(1 / 3);
    expect(normalizedChange(0, 1)).toBe(1);
    expect(normalizedChange(0.5, 0.25)).toBe(-0.5);
    expect(normalizedChange(0.4, 0.4)).toBe(0);
  });

  it('is undefined (null) when everyone was already right', () => {
    expect(normalizedChange(1, 1)).toBeNull();
    expect(normalizedChange(1, 0.5)).toBeNull();
  });

  it('never exceeds 1 (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (pre, post) => {
          const g = normalizedChange(pre, post);
          if (pre >= 1) expect(g).toBeNull();
          else expect(g as number).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('piAnalytics', () => {
  const a = piAnalytics(workedPi());

  it('counts both votes by option', () => {
    expect(a.before).toEqual({ counts: [3, 4, 2, 1], answered: 10, shareCorrect: 0.4 });
    expect(a.after).toEqual({ counts: [2, 5, 2, 1], answered: 10, shareCorrect: 0.5 });
  });

  it('builds the switch matrix over students who voted twice', () => {
    expect(a.switches).toEqual({
      matched: 9,
      wrongToRight: 3,
      rightToWrong: 1,
      rightToRight: 2,
      wrongToOtherWrong: 0,
      wrongToSameWrong: 3,
    });
    expect(a.transitions).toEqual([
      [1, 2, 0, 0],
      [1, 2, 0, 0],
      [0, 1, 1, 0],
      [0, 0, 0, 1],
    ]);
    expect(a.changedAnswer).toBe(4);
  });

  it('computes the normalized change on matched students: (5/9 - 3/9) / (1 - 3/9)', () => {
    expect(a.normalizedChange).toBeCloseTo(1 / 3, 10);
  });

  it('reports confidence before and after, by correctness, and its shift', () => {
    expect(a.confidenceBefore).toEqual({ mean: 1.8, meanCorrect: 3, meanWrong: 1 });
    expect(a.confidenceAfter).toEqual({ mean: 2, meanCorrect: 2, meanWrong: 2 });
    expect(a.confidenceShift).toBeCloseTo(1 / 3, 10);
  });

  it('reports participation per phase against the eligible count', () => {
    expect(a.participation).toEqual({
      eligible: 20,
      answering: { count: 10, rate: 0.5 },
      discussion: { count: 10, rate: 0.5 },
      revote: { count: 10, rate: 0.5 },
    });
  });

  it('leaves the after side empty before a re-vote, and correctness out for an opinion question', () => {
    let state = buildRound('peer_instruction', { correctOption: null });
    state = drive(state, [
      [{ type: 'start' }, facilitator],
      [{ type: 'answer', option: 0, confidence: 'low' }, s(1)],
    ]).state;
    const opinion = piAnalytics(state);
    expect(opinion.after).toBeNull();
    expect(opinion.switches).toBeNull();
    expect(opinion.normalizedChange).toBeNull();
    expect(opinion.before.shareCorrect).toBeNull();
    expect(opinion.participation.eligible).toBe(1);
  });
});

function workedQuestionRound(): QuestionRoundState {
  let state = buildRound('question_round');
  const steps: [Parameters<typeof accept>[1], Actor][] = [
    [{ type: 'start', eligibleCount: 10 }, facilitator],
    [{ type: 'ask', text: 'How does a thread differ from a process?', anonymous: true }, s(1)],
    [{ type: 'ask', text: 'What is a context switch?' }, s(2)],
    [{ type: 'ask', text: 'What is the difference between a process and a thread?' }, s(3)],
    [{ type: 'vote', questionId: 'q2', value: 1 }, s(4)],
    [{ type: 'join' }, s(5)],
  ];
  state = drive(state, steps).state;
  state = accept(state, { type: 'closePhase', phase: 'asking' }, ctx(facilitator, T0 + 1000)).state;
  const answerer = state.questions[0]?.assignedTo[0] as string;
  state = accept(
    state,
    { type: 'answerQuestion', questionId: 'q1', text: 'A thread shares the address space.' },
    ctx({ userId: answerer, role: 'student', name: 'A' }, T0 + 61_000),
  ).state;
  state = accept(
    state,
    { type: 'answerQuestion', questionId: 'q2', text: 'Saving and restoring registers.' },
    ctx(facilitator, T0 + 62_000),
  ).state;
  return accept(state, { type: 'endorse', answerId: 'a1' }, ctx(facilitator, T0 + 63_000)).state;
}

describe('questionRoundAnalytics', () => {
  it('counts questions, merges, peer answers, time to first peer answer and endorsements', () => {
    const a = questionRoundAnalytics(workedQuestionRound());
    expect(a).toMatchObject({
      questions: 2,
      duplicatesMerged: 1,
      askers: 3,
      answeredByPeers: 1,
      shareAnsweredByPeers: 0.5,
      medianTimeToFirstPeerAnswerMs: 61_000 - 2,
      endorsed: 2,
      facilitatorAnswers: 1,
    });
    expect(a.participation.eligible).toBe(10);
    expect(a.participation.active).toBeGreaterThanOrEqual(4);
  });
});

describe('muddyAnalytics', () => {
  it('counts a point whose text an erasure removed as a submission, but clusters only the points with text', () => {
    let muddy = buildRound('muddiest_point');
    muddy = drive(muddy, [
      [{ type: 'start' }, facilitator],
      [{ type: 'submitMuddy', text: 'Paging tables' }, s(1)],
      [{ type: 'submitMuddy', text: 'Paging tables again' }, s(2)],
      [{ type: 'submitMuddy', text: 'Semaphores' }, s(3)],
    ]).state;
    const removed = {
      ...muddy,
      points: muddy.points.map((p, i) => (i === 1 ? { ...p, text: REMOVED_TEXT } : p)),
    };
    const a = muddyAnalytics(removed);
    expect(a.submissions).toBe(3);
    expect(a.participation.active).toBe(3);
    expect(a.clusters.map((c) => [c.representative, c.count])).toEqual([
      ['Paging tables', 1],
      ['Semaphores', 1],
    ]);
  });
});

describe('sessionAnalytics', () => {
  it('aggregates started rounds and leaves rounds not started out', () => {
    let muddy = buildRound('muddiest_point');
    muddy = drive(muddy, [
      [{ type: 'start' }, facilitator],
      [{ type: 'submitMuddy', text: 'Paging' }, s(1)],
    ]).state;
    muddy = accept(muddy, { type: 'closePhase', phase: 'collecting' }, ctx(timer, T0 + 10 * 60_000)).state;
    expect(muddyAnalytics(muddy).submissions).toBe(1);
    const session = sessionAnalytics([
      workedPi(),
      workedQuestionRound(),
      muddy,
      buildRound('peer_instruction'),
    ]);
    expect(session.rounds).toEqual({
      peer_instruction: 1,
      question_round: 1,
      muddiest_point: 1,
      poll: 0,
      wordcloud: 0,
    });
    expect(session.completed).toBe(1);
    expect(session.peerInstruction).toMatchObject({
      rounds: 1,
      meanShareCorrectBefore: 0.4,
      meanShareCorrectAfter: 0.5,
      wrongToRight: 3,
      rightToWrong: 1,
    });
    expect(session.peerInstruction.meanNormalizedChange).toBeCloseTo(1 / 3);
    expect(session.questions).toMatchObject({
      total: 2,
      answeredByPeers: 1,
      shareAnsweredByPeers: 0.5,
      endorsed: 2,
    });
    expect(session.muddyPoints).toBe(1);
    expect(session.meanParticipation).not.toBeNull();
  });

  it('is empty for no rounds', () => {
    const empty = sessionAnalytics([]);
    expect(empty.completed).toBe(0);
    expect(empty.questions.shareAnsweredByPeers).toBeNull();
    expect(empty.meanParticipation).toBeNull();
  });
});

describe('median', () => {
  it('handles odd, even and empty lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
