import type { RoundEffect } from './effects';
import type { ActorRole } from './events';
import { isTimedPhase, type RoundPhase } from './phases';
import { findByUser, upsertByUser } from './lists';
import type { Refusal } from './refusals';
import type { NotesPassage, RoundState } from './state';

/** An accepted event: the next state and what the service must do about it. */
export interface Accepted<S extends RoundState = RoundState> {
  state: S;
  effects: RoundEffect[];
}

/** What `reduce` returns: the accepted result or a typed refusal. */
export type ReduceResult<S extends RoundState = RoundState> = Accepted<S> | Refusal;

/** True when `reduce` refused the event. */
export function isRefusal(result: ReduceResult): result is Refusal {
  return 'error' in result;
}

/** The context after validation: every field present. */
export interface Ctx {
  now: number;
  actor: { userId: string; role: ActorRole; name: string };
  seed: number;
  notes: readonly NotesPassage[];
  /** The word filter's verdict on a submitted word-cloud entry (false for every other event). */
  held: boolean;
}

/** Length of a timed phase from the round's settings; null for an untimed phase. */
export function phaseDuration(state: RoundState, phase: RoundPhase): number | null {
  if (!isTimedPhase(state.kind, phase)) return null;
  const durations: Partial<Record<RoundPhase, number>> = state.settings.durations;
  return durations[phase] ?? null;
}

/**
 * Moves a round to `to`: stamps the phase, sets or clears its deadline and emits the generic effects
 * (drop a still-pending timer, announce the change, schedule the next timer). Kind-specific work on
 * entering a phase is added by the caller.
 */
export function moveTo<S extends RoundState>(state: S, to: RoundPhase, ctx: Ctx): Accepted<S> {
  const effects: RoundEffect[] = [];
  if (state.deadline !== null && state.deadline > ctx.now)
    effects.push({ type: 'cancel_deadline', phase: state.phase });
  const duration = phaseDuration(state, to);
  const deadline = duration === null ? null : ctx.now + duration;
  effects.push({ type: 'phase_changed', from: state.phase, to, at: ctx.now });
  if (deadline !== null) effects.push({ type: 'schedule_deadline', phase: to, at: deadline });
  const next = {
    ...state,
    phase: to,
    phaseStartedAt: ctx.now,
    deadline,
    phaseLog: [...state.phaseLog, { phase: to, at: ctx.now }],
  } as S;
  return { state: next, effects };
}

/** Records a student as present in the roster (name refreshed), leaving the state untouched if known. */
export function touchRoster<S extends RoundState>(state: S, ctx: Ctx): S {
  if (ctx.actor.role !== 'student') return state;
  const existing = findByUser(state.roster, ctx.actor.userId);
  const name = ctx.actor.name || existing?.name || '';
  if (existing && existing.seenAt !== null && existing.name === name) return state;
  const entry = { userId: ctx.actor.userId, name, seenAt: existing?.seenAt ?? ctx.now };
  return { ...state, roster: upsertByUser(state.roster, entry) };
}

/** True when the current phase's deadline has passed. */
export function pastDeadline(state: RoundState, now: number): boolean {
  return state.deadline !== null && now > state.deadline;
}

/** Students who have acted in the round (not merely listed at start). */
export function presentStudents(state: RoundState): string[] {
  return state.roster.filter((e) => e.seenAt !== null).map((e) => e.userId);
}

/** Display name of a roster member, or an empty string. */
export function nameOf(state: RoundState, userId: string): string {
  return findByUser(state.roster, userId)?.name ?? '';
}
