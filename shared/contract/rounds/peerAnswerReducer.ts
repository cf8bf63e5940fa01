import type { RoundEffect } from './effects';
import type { RoundEvent } from './events';
import type { PeerAnswerId } from './ids';
import { findByUser, upsertByUser } from './lists';
import { refuse } from './refusals';
import type { PeerAnswer, QuestionRoundState } from './state';
import { ok, resolveQuestion } from './questionRound';
import { pastDeadline, touchRoster, type Ctx, type ReduceResult } from './transition';

type Ev<T extends RoundEvent['type']> = Extract<RoundEvent, { type: T }>;
type Result = ReduceResult<QuestionRoundState>;

/** An assigned peer answers (one answer per question), or a facilitator answers directly (endorsed). */
export function reduceAnswerQuestion(
  state: QuestionRoundState,
  event: Ev<'answerQuestion'>,
  ctx: Ctx,
): Result {
  if (state.phase !== 'answering')
    return refuse('wrong_phase', 'Answers are taken while the round is answering.');
  const q = resolveQuestion(state, event.questionId);
  if (!q) return refuse('unknown_question', 'There is no such question in this round.');
  const uid = ctx.actor.userId;
  const byFacilitator = ctx.actor.role === 'facilitator';
  if (!byFacilitator) {
    if (q.authorId === uid) return refuse('own_question', 'You cannot answer your own question.');
    if (!q.assignedTo.includes(uid))
      return refuse('not_assigned', 'This question was assigned to other students.');
  }
  const mine = state.answers.filter((a) => a.questionId === q.id && a.authorId === uid);
  const prior =
    event.idempotencyKey === undefined ? undefined : mine.find((a) => a.key === event.idempotencyKey);
  if (prior && prior.text === event.text) return ok(state);
  if (!byFacilitator && mine.length > 0)
    return refuse('already_answered', 'You already answered this question.');
  if (prior) return refuse('invalid', 'This idempotency key was already used for another answer.');
  if (!byFacilitator && pastDeadline(state, ctx.now))
    return refuse('deadline_passed', 'Time is up for answers.');
  const answer: PeerAnswer = {
    id: `a${state.answers.length + 1}` as PeerAnswerId,
    questionId: q.id,
    authorId: uid,
    authorName: ctx.actor.name,
    byFacilitator,
    anonymous: event.anonymous,
    text: event.text,
    createdAt: ctx.now,
    key: event.idempotencyKey ?? null,
    ratings: [],
    endorsed: byFacilitator,
  };
  return ok({ ...touchRoster(state, ctx), answers: [...state.answers, answer] }, [
    {
      type: 'notify',
      to: { kind: 'users', userIds: [q.authorId] },
      message: { type: 'question_answered', questionId: q.id },
    },
  ]);
}

/** A student rates someone else's answer; a rating may be changed, repeating it is a duplicate vote. */
export function reduceRate(state: QuestionRoundState, event: Ev<'rate'>, ctx: Ctx): Result {
  if (state.phase !== 'answering')
    return refuse('wrong_phase', 'Answers are rated while the round is answering.');
  const a = state.answers.find((x) => x.id === event.answerId);
  if (!a) return refuse('unknown_question', 'There is no such answer in this round.');
  const uid = ctx.actor.userId;
  if (a.authorId === uid) return refuse('own_question', 'You cannot rate your own answer.');
  const current = findByUser(a.ratings, uid);
  if (current?.value === event.value) {
    const retry = event.idempotencyKey !== undefined && current.key === event.idempotencyKey;
    return retry ? ok(state) : refuse('duplicate_vote', 'You already rated this answer this way.');
  }
  if (pastDeadline(state, ctx.now)) return refuse('deadline_passed', 'Time is up for ratings.');
  const rated: PeerAnswer = {
    ...a,
    ratings: upsertByUser(a.ratings, { userId: uid, value: event.value, key: event.idempotencyKey ?? null }),
  };
  return ok({ ...touchRoster(state, ctx), answers: state.answers.map((x) => (x.id === a.id ? rated : x)) });
}

/** A facilitator endorses an answer (or withdraws the endorsement); setting the same value is a no-op. */
export function reduceEndorse(state: QuestionRoundState, event: Ev<'endorse'>, ctx: Ctx): Result {
  if (state.phase !== 'answering')
    return refuse('wrong_phase', 'Answers are endorsed while the round is answering.');
  const a = state.answers.find((x) => x.id === event.answerId);
  if (!a) return refuse('unknown_question', 'There is no such answer in this round.');
  if (a.endorsed === event.endorsed) return ok(state);
  const next = {
    ...state,
    answers: state.answers.map((x) => (x.id === a.id ? { ...a, endorsed: event.endorsed } : x)),
  };
  const notify: RoundEffect[] =
    event.endorsed && a.authorId !== ctx.actor.userId
      ? [
          {
            type: 'notify',
            to: { kind: 'users', userIds: [a.authorId] },
            message: { type: 'answer_endorsed', answerId: a.id },
          },
        ]
      : [];
  return ok(next, notify);
}
