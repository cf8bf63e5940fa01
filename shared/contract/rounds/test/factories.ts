import type { ClassId, SessionId } from '../../ids';
import { RoundCreateSchema, createRound, type RoundCreateInput } from '../create';
import type { Actor, ReduceContext, RoundEventInput } from '../events';
import type { RoundId } from '../ids';
import { reduce } from '../machine';
import type { RoundKind } from '../phases';
import type {
  MuddyState,
  PiState,
  PollState,
  QuestionRoundState,
  RoundState,
  WordcloudState,
} from '../state';
import { isRefusal, type Accepted } from '../transition';

/** A fixed clock origin so tests are reproducible. */
export const T0 = 1_750_000_000_000;

export const facilitator: Actor = { userId: 'fac-1', role: 'facilitator', name: 'Fran Facilitator' };
export const timer: Actor = { userId: 'system', role: 'system' };

/** Student n: ids and names that never occur inside one another ("s-1-x" is not part of "s-11-x"). */
export function student(n: number): Actor {
  return { userId: `s-${n}-x`, role: 'student', name: `Student ${n} Name` };
}

/** A context for `actor` at `now`. */
export function ctx(actor: Actor, now: number, seed = 7): ReduceContext {
  return { now, actor, seed };
}

const DEFAULT_INPUT: Record<RoundKind, RoundCreateInput> = {
  peer_instruction: {
    kind: 'peer_instruction',
    question: 'Which sorting algorithm is stable?',
    options: ['Quicksort', 'Merge sort', 'Heapsort', 'Selection sort'],
    correctOption: 1,
  },
  question_round: { kind: 'question_round', topic: 'Operating systems: processes and threads' },
  muddiest_point: { kind: 'muddiest_point' },
  poll: { kind: 'poll', question: 'Which topic should we revisit?', options: ['Paging', 'Threads', 'Locks'] },
  wordcloud: { kind: 'wordcloud', prompt: 'One word for today' },
};

/** A round in phase `ready`; `overrides` replace fields of the creation input. */
export function buildRound(kind: 'peer_instruction', overrides?: Partial<RoundCreateInput>): PiState;
export function buildRound(kind: 'question_round', overrides?: Partial<RoundCreateInput>): QuestionRoundState;
export function buildRound(kind: 'muddiest_point', overrides?: Partial<RoundCreateInput>): MuddyState;
export function buildRound(kind: 'poll', overrides?: Partial<RoundCreateInput>): PollState;
export function buildRound(kind: 'wordcloud', overrides?: Partial<RoundCreateInput>): WordcloudState;
export function buildRound(kind: RoundKind, overrides?: Partial<RoundCreateInput>): RoundState;
export function buildRound(kind: RoundKind, overrides: Partial<RoundCreateInput> = {}): RoundState {
  const input = RoundCreateSchema.parse({ ...DEFAULT_INPUT[kind], ...overrides });
  return createRound(input, {
    id: `round-${kind}` as RoundId,
    sessionId: 'session-1' as SessionId,
    classId: 'class-1' as ClassId,
    createdBy: facilitator.userId,
    now: T0,
  });
}

/** Applies an event that must be accepted; throws with the refusal otherwise. */
export function accept<S extends RoundState>(
  state: S,
  event: RoundEventInput,
  context: ReduceContext,
): Accepted<S> {
  const result = reduce(state, event, context);
  if (isRefusal(result)) throw new Error(`refused ${event.type}: ${result.error} (${result.message})`);
  return result as Accepted<S>;
}

/** Drives a round through a list of `[event, actor]` steps, one millisecond apart from `start`. */
export function drive<S extends RoundState>(
  state: S,
  steps: [RoundEventInput, Actor][],
  start = T0 + 1,
): { state: S; now: number } {
  let now = start;
  let s = state;
  for (const [event, actor] of steps) {
    s = accept(s, event, ctx(actor, now)).state;
    now += 1;
  }
  return { state: s, now };
}
