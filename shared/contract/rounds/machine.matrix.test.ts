import { describe, expect, it } from 'vitest';
import type { Actor, RoundEventInput, RoundEventType } from './events';
import { reduce } from './machine';
import type { RoundKind, RoundPhase } from './phases';
import type { RefusalReason } from './refusals';
import { ctx, facilitator, student, timer } from './test/factories';
import { phasesOf, roundIn } from './test/phaseStates';

/**
 * The protocol written out independently of the implementation: who may send each event, to which kind
 * of round it belongs, and in which phases it is accepted. Every event is tried in every phase of every
 * kind by every role, and must be accepted or refused with exactly the reason this table implies.
 */
const ROLES: Record<RoundEventType, Actor['role'][]> = {
  start: ['facilitator'],
  join: ['student'],
  answer: ['student'],
  revote: ['student'],
  closePhase: ['facilitator', 'system'],
  advance: ['facilitator'],
  ask: ['student'],
  vote: ['student'],
  assign: ['facilitator'],
  answerQuestion: ['student', 'facilitator'],
  rate: ['student'],
  endorse: ['facilitator'],
  cancel: ['facilitator'],
  extendDeadline: ['facilitator'],
  submitMuddy: ['student'],
  pollAnswer: ['student'],
  submitWord: ['student'],
  moderateWord: ['facilitator'],
};

const LIVE: Record<RoundKind, RoundPhase[]> = {
  peer_instruction: ['ready', 'answering', 'gate', 'discussion', 'revote', 'revealed'],
  question_round: ['ready', 'asking', 'answering'],
  muddiest_point: ['ready', 'collecting'],
  poll: ['ready', 'answering', 'gate', 'revealed'],
  wordcloud: ['ready', 'collecting', 'gate', 'revealed'],
};
const TIMED: Record<RoundKind, RoundPhase[]> = {
  peer_instruction: ['answering', 'discussion', 'revote'],
  question_round: ['asking', 'answering'],
  muddiest_point: ['collecting'],
  poll: ['answering'],
  wordcloud: ['collecting'],
};

/** Phases in which each event is accepted, per kind; an event absent for a kind does not belong to it. */
const OPEN: Record<RoundKind, Partial<Record<RoundEventType, RoundPhase[]>>> = {
  peer_instruction: { answer: ['answering'], revote: ['revote'] },
  question_round: {
    ask: ['asking'],
    vote: ['asking'],
    assign: ['answering'],
    answerQuestion: ['answering'],
    rate: ['answering'],
    endorse: ['answering'],
  },
  muddiest_point: { submitMuddy: ['collecting'] },
  poll: { pollAnswer: ['answering'] },
  wordcloud: { submitWord: ['collecting'], moderateWord: ['collecting', 'gate', 'revealed'] },
};
for (const kind of Object.keys(OPEN) as RoundKind[]) {
  const live = LIVE[kind];
  Object.assign(OPEN[kind], {
    start: ['ready'],
    join: live,
    closePhase: TIMED[kind],
    advance: live.filter((p) => p !== 'ready'),
    cancel: live,
    extendDeadline: TIMED[kind],
  });
}

function expected(
  kind: RoundKind,
  phase: RoundPhase,
  type: RoundEventType,
  role: Actor['role'],
): 'ok' | RefusalReason {
  if (phase === 'ended' || phase === 'cancelled') return 'round_over';
  const open = OPEN[kind][type];
  if (!open) return 'invalid';
  if (!ROLES[type].includes(role)) return 'not_allowed';
  return open.includes(phase) ? 'ok' : 'wrong_phase';
}

/** A well-formed example of each event for a given phase; students are ones who have not acted yet, except the assigned answerer. */
function sample(type: RoundEventType, phase: RoundPhase): RoundEventInput {
  switch (type) {
    case 'start':
    case 'join':
    case 'cancel':
      return { type };
    case 'answer':
    case 'revote':
      return { type, option: 1, confidence: 'medium' };
    case 'closePhase':
      return { type, phase };
    case 'advance':
      return { type };
    case 'ask':
      return { type, text: 'Why are page sizes powers of two?' };
    case 'vote':
      return { type, questionId: 'q1', value: 1 };
    case 'assign':
      return { type, questionId: 'q1', userIds: ['s-8-x'] };
    case 'answerQuestion':
      return { type, questionId: 'q1', text: 'Because addresses split into bits.' };
    case 'rate':
      return { type, answerId: 'a1', value: 1 };
    case 'endorse':
      return { type, answerId: 'a1', endorsed: true };
    case 'extendDeadline':
      return { type, byMs: 30_000 };
    case 'submitMuddy':
      return { type, text: 'TLB misses' };
    case 'pollAnswer':
      return { type, option: 1 };
    case 'submitWord':
      return { type, text: 'Entropy' };
    case 'moderateWord':
      return { type, entryId: 'w1', visible: false };
  }
}

const ACTORS: Record<Actor['role'], (type: RoundEventType) => Actor> = {
  // Student 2 is assigned q1 in a question round's answering phase; otherwise a student who has not acted.
  student: (type) => (type === 'answerQuestion' ? student(2) : student(9)),
  facilitator: () => facilitator,
  system: () => timer,
};
const TYPES = Object.keys(ROLES) as RoundEventType[];
const KINDS: RoundKind[] = ['peer_instruction', 'question_round', 'muddiest_point', 'poll', 'wordcloud'];

describe.each(KINDS)('every event in every phase of a %s round', (kind) => {
  for (const phase of phasesOf(kind)) {
    it.each(TYPES)(`${phase}: %s`, (type) => {
      const { state, now } = roundIn(kind, phase);
      const frozen = JSON.stringify(state);
      for (const role of ['student', 'facilitator', 'system'] as const) {
        // The timer only fires once the deadline has passed; people act within it.
        const at = role === 'system' ? now + 2 * 3_600_000 : now;
        const result = reduce(state, sample(type, phase), ctx(ACTORS[role](type), at));
        const outcome = 'error' in result ? result.error : 'ok';
        expect({ role, outcome }).toEqual({ role, outcome: expected(kind, phase, type, role) });
      }
      expect(JSON.stringify(state)).toBe(frozen);
    });
  }
});

describe('malformed input', () => {
  it('refuses unknown event types, bad payloads and a bad context as invalid', () => {
    const { state, now } = roundIn('peer_instruction', 'answering');
    const bad: unknown[] = [
      { type: 'explode' },
      { type: 'answer', option: -1, confidence: 'high' },
      { type: 'answer', option: 1.5, confidence: 'high' },
      { type: 'answer', option: 1, confidence: 'very' },
      { type: 'answer', option: 1, confidence: 'high', extra: true },
      { type: 'ask', text: '   ' },
      null,
    ];
    for (const event of bad)
      expect(reduce(state, event as RoundEventInput, ctx(student(5), now))).toMatchObject({
        error: 'invalid',
      });
    expect(reduce(state, { type: 'join' }, { now: Number.NaN, seed: 1, actor: student(5) })).toMatchObject({
      error: 'invalid',
    });
    expect(
      reduce(state, { type: 'join' }, { now, seed: 1, actor: { userId: '', role: 'student' } }),
    ).toMatchObject({ error: 'invalid' });
  });
});
