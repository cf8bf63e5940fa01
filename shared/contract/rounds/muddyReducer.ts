import { muddyAnalytics } from './analytics';
import type { RoundEffect } from './effects';
import type { RoundEvent } from './events';
import type { MuddyId } from './ids';
import type { RoundPhase } from './phases';
import { refuse } from './refusals';
import type { MuddyPoint, MuddyState } from './state';
import { pastDeadline, touchRoster, type Accepted, type Ctx, type ReduceResult } from './transition';

/** A student names their muddiest point: one per student per round. */
export function reduceSubmitMuddy(
  state: MuddyState,
  event: Extract<RoundEvent, { type: 'submitMuddy' }>,
  ctx: Ctx,
): ReduceResult<MuddyState> {
  if (state.phase !== 'collecting')
    return refuse('wrong_phase', 'Muddiest points are collected in the collecting phase.');
  const prior = state.points.find((p) => p.authorId === ctx.actor.userId);
  if (prior) {
    const retry =
      event.idempotencyKey !== undefined &&
      prior.key === event.idempotencyKey &&
      prior.text === event.text &&
      prior.headingId === (event.headingId ?? null);
    if (retry) return { state, effects: [] };
    return refuse('already_answered', 'You already named your muddiest point.');
  }
  if (pastDeadline(state, ctx.now)) return refuse('deadline_passed', 'Time is up for this round.');
  const anonymous = event.anonymous ?? state.settings.allowAnonymous;
  if (anonymous && !state.settings.allowAnonymous)
    return refuse('anonymous_off', 'This round does not allow anonymous points.');
  const point: MuddyPoint = {
    id: `m${state.points.length + 1}` as MuddyId,
    authorId: ctx.actor.userId,
    authorName: ctx.actor.name,
    text: event.text,
    headingId: event.headingId ?? null,
    anonymous,
    createdAt: ctx.now,
    key: event.idempotencyKey ?? null,
  };
  return { state: { ...touchRoster(state, ctx), points: [...state.points, point] }, effects: [] };
}

/** Work on entering a muddiest-point phase: the ranked, grouped list goes to the notes at the end. */
export function enterMuddy(state: MuddyState, to: RoundPhase, ctx: Ctx): Accepted<MuddyState> {
  if (to === 'collecting')
    return {
      state,
      effects: [{ type: 'notify', to: { kind: 'students' }, message: { type: 'round_started' } }],
    };
  if (to !== 'ended') return { state, effects: [] };
  const done: RoundEffect = {
    type: 'notify',
    to: { kind: 'facilitators' },
    message: { type: 'round_ended' },
  };
  if (state.points.length === 0) return { state, effects: [done] };
  return {
    state: { ...state, writtenBack: true },
    effects: [
      {
        type: 'write_back',
        summary: { kind: 'muddiest_point', roundId: state.id, at: ctx.now, analytics: muddyAnalytics(state) },
      },
      done,
    ],
  };
}
