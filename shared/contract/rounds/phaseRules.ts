// Plain data, no zod: the tab's round panel orders and moves phases without loading the schemas
// (`./phases.ts` builds the schemas from these lists).

export const ROUND_KINDS = [
  'peer_instruction',
  'question_round',
  'muddiest_point',
  'poll',
  'wordcloud',
] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

/**
 * Phases in their only order. `ready` is a created round that has not started; `cancelled` is reachable
 * from any phase that is not final and sits outside the order.
 */
export const PHASE_ORDER = {
  peer_instruction: ['ready', 'answering', 'gate', 'discussion', 'revote', 'revealed', 'ended'],
  question_round: ['ready', 'asking', 'answering', 'ended'],
  muddiest_point: ['ready', 'collecting', 'ended'],
  // Quick polls and word clouds keep results hidden: closing answers leads to the gate ("answers are in"),
  // and only the facilitator's reveal shows them to the room.
  poll: ['ready', 'answering', 'gate', 'revealed', 'ended'],
  wordcloud: ['ready', 'collecting', 'gate', 'revealed', 'ended'],
} as const;

/** Every phase name of every kind. */
export const ROUND_PHASES = [
  'ready',
  'answering',
  'gate',
  'discussion',
  'revote',
  'revealed',
  'asking',
  'collecting',
  'ended',
  'cancelled',
] as const;
export type RoundPhase = (typeof ROUND_PHASES)[number];

/** The phases a round never leaves. */
export const FINAL_PHASES: readonly RoundPhase[] = ['ended', 'cancelled'];

/** Phases that run against a deadline; closing them (timer or facilitator) moves to the default next phase. */
export const TIMED_PHASES = {
  peer_instruction: ['answering', 'discussion', 'revote'],
  question_round: ['asking', 'answering'],
  muddiest_point: ['collecting'],
  poll: ['answering'],
  wordcloud: ['collecting'],
} as const satisfies Record<RoundKind, readonly RoundPhase[]>;

/**
 * Where a facilitator may move a round from each phase, default first. From the gate the facilitator picks:
 * discussion (the usual), a straight re-vote after re-teaching, or reveal directly ("explain and move on").
 * Any started round may also be ended early; `ready` only leaves by `start` or `cancel`.
 */
export const NEXT_PHASES: Record<RoundKind, Partial<Record<RoundPhase, readonly RoundPhase[]>>> = {
  peer_instruction: {
    answering: ['gate', 'ended'],
    gate: ['discussion', 'revote', 'revealed', 'ended'],
    discussion: ['revote', 'revealed', 'ended'],
    revote: ['revealed', 'ended'],
    revealed: ['ended'],
  },
  question_round: { asking: ['answering', 'ended'], answering: ['ended'] },
  muddiest_point: { collecting: ['ended'] },
  poll: { answering: ['gate', 'revealed', 'ended'], gate: ['revealed', 'ended'], revealed: ['ended'] },
  wordcloud: { collecting: ['gate', 'revealed', 'ended'], gate: ['revealed', 'ended'], revealed: ['ended'] },
};

/** True when `phase` is final (ended or cancelled). */
export function isFinalPhase(phase: RoundPhase): boolean {
  return FINAL_PHASES.includes(phase);
}

/** True when `phase` of a round of `kind` runs against a deadline. */
export function isTimedPhase(kind: RoundKind, phase: RoundPhase): boolean {
  return (TIMED_PHASES[kind] as readonly RoundPhase[]).includes(phase);
}

/** Position of a phase in its kind's order; `cancelled` sorts after everything. */
export function phaseRank(kind: RoundKind, phase: RoundPhase): number {
  if (phase === 'cancelled') return PHASE_ORDER[kind].length;
  return (PHASE_ORDER[kind] as readonly RoundPhase[]).indexOf(phase);
}
