import { piAnalytics } from './analytics';
import type { RoundEffect } from './effects';
import type { RoundEvent } from './events';
import { recommend } from './gating';
import { addLateJoiner, formGroups } from './grouping';
import type { RoundPhase } from './phases';
import { seedFrom } from './prng';
import { findByUser } from './lists';
import { refuse } from './refusals';
import type { PiAnswer, PiState } from './state';
import {
  pastDeadline,
  presentStudents,
  touchRoster,
  type Accepted,
  type Ctx,
  type ReduceResult,
} from './transition';

type VoteEvent = Extract<RoundEvent, { type: 'answer' | 'revote' }>;

/** First vote (`answer`, in `answering`) or re-vote (`revote`, in `revote`): one counted answer each. */
export function reducePiVote(state: PiState, event: VoteEvent, ctx: Ctx): ReduceResult<PiState> {
  const phase = event.type === 'answer' ? 'answering' : 'revote';
  if (state.phase !== phase) return refuse('wrong_phase', `Answers are taken in the ${phase} phase only.`);
  const field = event.type === 'answer' ? 'answers' : 'revotes';
  const existing = findByUser(state[field], ctx.actor.userId);
  if (existing) {
    const retry =
      event.idempotencyKey !== undefined &&
      existing.key === event.idempotencyKey &&
      existing.option === event.option &&
      existing.confidence === event.confidence;
    if (retry) return { state, effects: [] };
    return refuse('already_answered', 'You already answered in this phase; the first answer counts.');
  }
  if (pastDeadline(state, ctx.now)) return refuse('deadline_passed', 'Time is up for this phase.');
  if (event.option >= state.options.length)
    return refuse('unknown_option', `There is no option ${event.option + 1}.`);
  const answer: PiAnswer = {
    userId: ctx.actor.userId,
    option: event.option,
    confidence: event.confidence,
    at: ctx.now,
    key: event.idempotencyKey ?? null,
  };
  const touched = touchRoster(state, ctx);
  // Appending is safe: the check above guarantees this student has no entry yet.
  const next =
    field === 'answers'
      ? { ...touched, answers: [...touched.answers, answer] }
      : { ...touched, revotes: [...touched.revotes, answer] };
  return { state: next, effects: [] };
}

/** A student turning up: recorded as present and, during discussion, added to the smallest group. */
export function joinPi(state: PiState, ctx: Ctx): Accepted<PiState> {
  const touched = touchRoster(state, ctx);
  if (touched.phase !== 'discussion' || touched.groups === null) return { state: touched, effects: [] };
  const uid = ctx.actor.userId;
  if (touched.groups.some((g) => g.members.includes(uid))) return { state: touched, effects: [] };
  const { groups, index } = addLateJoiner(touched.groups, uid);
  const members = groups[index]?.members ?? [uid];
  return {
    state: { ...touched, groups },
    effects: [
      { type: 'group_joined', groupIndex: index, userId: uid },
      {
        type: 'notify',
        to: { kind: 'users', userIds: members },
        message: { type: 'group_assigned', groupIndex: index },
      },
    ],
  };
}

function writeBack(state: PiState, ctx: Ctx): Accepted<PiState> {
  return {
    state: { ...state, writtenBack: true },
    effects: [
      {
        type: 'write_back',
        summary: { kind: 'peer_instruction', roundId: state.id, at: ctx.now, analytics: piAnalytics(state) },
      },
    ],
  };
}

/** Work on entering a Peer Instruction phase: gate, groups, reveal summary, end. */
export function enterPi(state: PiState, to: RoundPhase, ctx: Ctx): Accepted<PiState> {
  switch (to) {
    case 'answering':
      return {
        state,
        effects: [{ type: 'notify', to: { kind: 'students' }, message: { type: 'round_started' } }],
      };
    case 'gate': {
      const answers = state.answers;
      const gating = recommend(
        {
          answered: answers.length,
          correct: answers.filter((a) => a.option === state.correctOption).length,
          hasCorrectOption: state.correctOption !== null,
        },
        state.settings.gating,
      );
      return {
        state: { ...state, gating },
        effects: [
          {
            type: 'notify',
            to: { kind: 'facilitators' },
            message: { type: 'gate_ready', recommendation: gating.recommendation },
          },
        ],
      };
    }
    case 'discussion': {
      const answered = new Set(state.answers.map((a) => a.userId));
      const groups = formGroups({
        answers: state.answers.map((a) => ({ userId: a.userId, option: a.option })),
        correctOption: state.correctOption,
        others: presentStudents(state).filter((u) => !answered.has(u)),
        seed: seedFrom(ctx.seed, state.id),
      });
      const effects: RoundEffect[] = [{ type: 'groups_formed', groups }];
      groups.forEach((g, groupIndex) =>
        effects.push({
          type: 'notify',
          to: { kind: 'users', userIds: g.members },
          message: { type: 'group_assigned', groupIndex },
        }),
      );
      return { state: { ...state, groups }, effects };
    }
    case 'revealed': {
      const written = writeBack(state, ctx);
      return {
        state: written.state,
        effects: [
          ...written.effects,
          { type: 'notify', to: { kind: 'students' }, message: { type: 'revealed' } },
        ],
      };
    }
    case 'ended': {
      const done: RoundEffect = {
        type: 'notify',
        to: { kind: 'students' },
        message: { type: 'round_ended' },
      };
      if (state.writtenBack || state.answers.length === 0) return { state, effects: [done] };
      const written = writeBack(state, ctx);
      return { state: written.state, effects: [...written.effects, done] };
    }
    default:
      return { state, effects: [] };
  }
}
