import type { RoundEffect } from './effects';
import {
  ActorSchema,
  RoundEventSchema,
  type ActorRole,
  type ReduceContext,
  type RoundEvent,
  type RoundEventInput,
} from './events';
import { enterMuddy, reduceSubmitMuddy } from './muddyReducer';
import {
  NEXT_PHASES,
  PHASE_ORDER,
  isFinalPhase,
  isTimedPhase,
  type RoundKind,
  type RoundPhase,
} from './phases';
import { enterPi, joinPi, reducePiVote } from './piReducer';
import { reduceAnswerQuestion, reduceEndorse, reduceRate } from './peerAnswerReducer';
import { reduceAsk, reduceAssign, reduceVote } from './questionReducer';
import { enterQuick, reduceModerateWord, reducePollAnswer, reduceSubmitWord } from './quickReducer';
import { enterQuestionRound } from './questionRound';
import { refuse } from './refusals';
import { NotesPassageSchema, type RoundState } from './state';
import { moveTo, touchRoster, type Accepted, type Ctx, type ReduceResult } from './transition';

const ALL: readonly RoundKind[] = [
  'peer_instruction',
  'question_round',
  'muddiest_point',
  'poll',
  'wordcloud',
];

/** Which round kinds accept an event type, and who may send it. Checked before the phase. */
export const EVENT_RULES: Record<
  RoundEvent['type'],
  { kinds: readonly RoundKind[]; roles: readonly ActorRole[] }
> = {
  start: { kinds: ALL, roles: ['facilitator'] },
  join: { kinds: ALL, roles: ['student'] },
  answer: { kinds: ['peer_instruction'], roles: ['student'] },
  revote: { kinds: ['peer_instruction'], roles: ['student'] },
  closePhase: { kinds: ALL, roles: ['facilitator', 'system'] },
  advance: { kinds: ALL, roles: ['facilitator'] },
  ask: { kinds: ['question_round'], roles: ['student'] },
  vote: { kinds: ['question_round'], roles: ['student'] },
  assign: { kinds: ['question_round'], roles: ['facilitator'] },
  answerQuestion: { kinds: ['question_round'], roles: ['student', 'facilitator'] },
  rate: { kinds: ['question_round'], roles: ['student'] },
  endorse: { kinds: ['question_round'], roles: ['facilitator'] },
  cancel: { kinds: ALL, roles: ['facilitator'] },
  extendDeadline: { kinds: ALL, roles: ['facilitator'] },
  submitMuddy: { kinds: ['muddiest_point'], roles: ['student'] },
  pollAnswer: { kinds: ['poll'], roles: ['student'] },
  submitWord: { kinds: ['wordcloud'], roles: ['student'] },
  moderateWord: { kinds: ['wordcloud'], roles: ['facilitator'] },
};

/** Moves to `to` and runs the kind's work on entering it. */
function enter(state: RoundState, to: RoundPhase, ctx: Ctx): Accepted {
  const moved = moveTo(state, to, ctx);
  let hooked: Accepted;
  const s = moved.state;
  if (to === 'cancelled') {
    hooked = {
      state: s,
      effects: [{ type: 'notify', to: { kind: 'students' }, message: { type: 'round_cancelled' } }],
    };
  } else if (s.kind === 'peer_instruction') hooked = enterPi(s, to, ctx);
  else if (s.kind === 'question_round') hooked = enterQuestionRound(s, to, ctx);
  else if (s.kind === 'poll' || s.kind === 'wordcloud') hooked = enterQuick(s, to, ctx);
  else hooked = enterMuddy(s, to, ctx);
  return { state: hooked.state, effects: [...moved.effects, ...hooked.effects] };
}

function start(state: RoundState, event: Extract<RoundEvent, { type: 'start' }>, ctx: Ctx): ReduceResult {
  if (state.phase !== 'ready') return refuse('wrong_phase', 'The round has already started.');
  // A map, not repeated upserts: a roster can hold thousands of students.
  const byId = new Map(state.roster.map((e) => [e.userId, e]));
  for (const m of event.roster ?? []) {
    const existing = byId.get(m.userId);
    byId.set(m.userId, {
      userId: m.userId,
      name: m.name || existing?.name || '',
      seenAt: existing?.seenAt ?? null,
    });
  }
  const roster = [...byId.values()];
  const eligibleCount = event.eligibleCount ?? (event.roster ? roster.length : state.eligibleCount);
  const first = PHASE_ORDER[state.kind][1];
  return enter({ ...state, roster, eligibleCount }, first, ctx);
}

function closePhase(
  state: RoundState,
  event: Extract<RoundEvent, { type: 'closePhase' }>,
  ctx: Ctx,
): ReduceResult {
  if (event.phase !== state.phase || !isTimedPhase(state.kind, state.phase))
    return refuse('wrong_phase', `The round is in ${state.phase}, not ${event.phase}.`);
  if (ctx.actor.role === 'system' && (state.deadline === null || ctx.now < state.deadline))
    return refuse('invalid', 'The deadline of this phase has not been reached (it was extended).');
  const next = NEXT_PHASES[state.kind][state.phase]?.[0];
  if (!next) return refuse('wrong_phase', `Nothing follows ${state.phase}.`);
  return enter(state, next, ctx);
}

function advance(state: RoundState, event: Extract<RoundEvent, { type: 'advance' }>, ctx: Ctx): ReduceResult {
  const allowed = NEXT_PHASES[state.kind][state.phase];
  if (!allowed) return refuse('wrong_phase', `A round in ${state.phase} cannot be advanced; start it first.`);
  const to = event.to ?? allowed[0];
  if (to === undefined || !allowed.includes(to))
    return refuse('wrong_phase', `Cannot move from ${state.phase} to ${String(to)}.`);
  return enter(state, to, ctx);
}

function extendDeadline(
  state: RoundState,
  event: Extract<RoundEvent, { type: 'extendDeadline' }>,
  ctx: Ctx,
): ReduceResult {
  if (state.deadline === null) return refuse('wrong_phase', `The ${state.phase} phase has no deadline.`);
  const deadline = Math.max(state.deadline, ctx.now) + event.byMs;
  const effects: RoundEffect[] = [{ type: 'schedule_deadline', phase: state.phase, at: deadline }];
  return { state: { ...state, deadline }, effects };
}

function join(state: RoundState, ctx: Ctx): Accepted {
  if (state.kind === 'peer_instruction') return joinPi(state, ctx);
  return { state: touchRoster(state, ctx), effects: [] };
}

function normalizeContext(ctx: ReduceContext): Ctx | null {
  const actor = ActorSchema.safeParse(ctx.actor);
  if (!actor.success || !Number.isSafeInteger(ctx.now) || ctx.now < 0 || !Number.isFinite(ctx.seed))
    return null;
  const notes = NotesPassageSchema.array().safeParse(ctx.notes ?? []);
  return {
    now: ctx.now,
    actor: actor.data,
    seed: ctx.seed,
    notes: notes.success ? notes.data : [],
    held: ctx.held === true,
  };
}

/**
 * The round state machine: applies one event for one actor at `ctx.now`. Pure and deterministic: the same
 * state, event and context give the same result, and the input state is never mutated. Refusal order:
 * malformed event or context (`invalid`), final round (`round_over`), event not of this round's kind
 * (`invalid`), role (`not_allowed`), phase (`wrong_phase`), then the event's own rules.
 */
export function reduce(state: RoundState, input: RoundEventInput, context: ReduceContext): ReduceResult {
  const parsed = RoundEventSchema.safeParse(input);
  if (!parsed.success) return refuse('invalid', parsed.error.issues[0]?.message ?? 'Malformed event.');
  const ctx = normalizeContext(context);
  if (!ctx) return refuse('invalid', 'Malformed actor or clock.');
  const event = parsed.data;
  if (isFinalPhase(state.phase)) return refuse('round_over', `The round is ${state.phase}.`);
  const rule = EVENT_RULES[event.type];
  if (!rule.kinds.includes(state.kind))
    return refuse('invalid', `A ${state.kind} round has no ${event.type} event.`);
  if (!rule.roles.includes(ctx.actor.role))
    return refuse('not_allowed', `A ${ctx.actor.role} cannot ${event.type}.`);

  switch (event.type) {
    case 'start':
      return start(state, event, ctx);
    case 'join':
      return join(state, ctx);
    case 'closePhase':
      return closePhase(state, event, ctx);
    case 'advance':
      return advance(state, event, ctx);
    case 'cancel':
      return enter(state, 'cancelled', ctx);
    case 'extendDeadline':
      return extendDeadline(state, event, ctx);
    case 'answer':
    case 'revote':
      return state.kind === 'peer_instruction'
        ? reducePiVote(state, event, ctx)
        : refuse('invalid', 'Not a Peer Instruction round.');
  }
  if (state.kind === 'question_round') {
    switch (event.type) {
      case 'ask':
        return reduceAsk(state, event, ctx);
      case 'vote':
        return reduceVote(state, event, ctx);
      case 'assign':
        return reduceAssign(state, event, ctx);
      case 'answerQuestion':
        return reduceAnswerQuestion(state, event, ctx);
      case 'rate':
        return reduceRate(state, event, ctx);
      case 'endorse':
        return reduceEndorse(state, event, ctx);
    }
  }
  if (state.kind === 'muddiest_point' && event.type === 'submitMuddy')
    return reduceSubmitMuddy(state, event, ctx);
  if (state.kind === 'poll' && event.type === 'pollAnswer') return reducePollAnswer(state, event, ctx);
  if (state.kind === 'wordcloud' && event.type === 'submitWord') return reduceSubmitWord(state, event, ctx);
  if (state.kind === 'wordcloud' && event.type === 'moderateWord')
    return reduceModerateWord(state, event, ctx);
  return refuse('invalid', `A ${state.kind} round has no ${event.type} event.`);
}
