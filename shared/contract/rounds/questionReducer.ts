import { findDuplicates } from './dedupe';
import type { RoundEffect } from './effects';
import type { RoundEvent } from './events';
import type { QuestionId } from './ids';
import { ROUND_LIMITS } from './limits';
import { findByUser, removeByUser, upsertByUser } from './lists';
import { refuse } from './refusals';
import type { Question, QuestionRoundState } from './state';
import { ok, replaceQuestion, resolveQuestion } from './questionRound';
import { pastDeadline, touchRoster, type Ctx, type ReduceResult } from './transition';

type Ev<T extends RoundEvent['type']> = Extract<RoundEvent, { type: T }>;
type Result = ReduceResult<QuestionRoundState>;

/** A student posts a question; near-duplicates are merged into the earlier question (asker's vote moves there). */
export function reduceAsk(state: QuestionRoundState, event: Ev<'ask'>, ctx: Ctx): Result {
  if (state.phase !== 'asking')
    return refuse('wrong_phase', 'Questions are taken while the round is asking.');
  const uid = ctx.actor.userId;
  const mine = state.questions.filter((q) => q.authorId === uid);
  if (event.idempotencyKey !== undefined) {
    const prior = mine.find((q) => q.key === event.idempotencyKey);
    if (prior && prior.text === event.text && prior.anonymous === event.anonymous) return ok(state);
    if (prior) return refuse('invalid', 'This idempotency key was already used for another question.');
  }
  if (pastDeadline(state, ctx.now)) return refuse('deadline_passed', 'Time is up for questions.');
  if (event.anonymous && !state.settings.allowAnonymous)
    return refuse('anonymous_off', 'This round does not allow anonymous questions.');
  if (mine.length >= ROUND_LIMITS.questionsPerStudentMax)
    return refuse(
      'invalid',
      `At most ${ROUND_LIMITS.questionsPerStudentMax} questions per student in one round.`,
    );
  if (state.questions.length >= ROUND_LIMITS.questionsMax)
    return refuse('invalid', 'This round has reached its question limit.');

  const distinct = state.questions
    .filter((q) => q.duplicateOf === null)
    .map((q) => ({ id: q.id, text: q.text }));
  const found = findDuplicates(event.text, distinct, ctx.notes);
  const id = `q${state.questions.length + 1}` as QuestionId;
  const question: Question = {
    id,
    authorId: uid,
    authorName: ctx.actor.name,
    text: event.text,
    anonymous: event.anonymous,
    createdAt: ctx.now,
    key: event.idempotencyKey ?? null,
    votes: [],
    duplicateOf: (found.duplicateOf?.id as QuestionId | undefined) ?? null,
    answeredInNotes: found.answeredInNotes
      ? { passageId: found.answeredInNotes.id, score: found.answeredInNotes.score }
      : null,
    assignedTo: [],
    assignedAt: null,
  };
  let next: QuestionRoundState = { ...touchRoster(state, ctx), questions: [...state.questions, question] };
  const effects: RoundEffect[] = [];
  const original = question.duplicateOf === null ? undefined : resolveQuestion(next, question.duplicateOf);
  if (original) {
    // Asking the same thing again is a vote for it, unless the asker already voted or asked it.
    if (original.authorId !== uid && !findByUser(original.votes, uid))
      next = replaceQuestion(next, {
        ...original,
        votes: [...original.votes, { userId: uid, value: 1, key: null }],
      });
    effects.push({
      type: 'notify',
      to: { kind: 'users', userIds: [uid] },
      message: { type: 'duplicate_merged', questionId: id, duplicateOf: original.id },
    });
  }
  if (question.answeredInNotes)
    effects.push({
      type: 'notify',
      to: { kind: 'users', userIds: [uid] },
      message: { type: 'answered_in_notes', questionId: id, passageId: question.answeredInNotes.passageId },
    });
  return ok(next, effects);
}

/** Up-vote, down-vote or withdraw; votes on a merged question count for the question it was merged into. */
export function reduceVote(state: QuestionRoundState, event: Ev<'vote'>, ctx: Ctx): Result {
  if (state.phase !== 'asking') return refuse('wrong_phase', 'Voting is open while the round is asking.');
  const q = resolveQuestion(state, event.questionId);
  if (!q) return refuse('unknown_question', 'There is no such question in this round.');
  const uid = ctx.actor.userId;
  if (q.authorId === uid) return refuse('own_question', 'You cannot vote on your own question.');
  const current = findByUser(q.votes, uid);
  if ((current?.value ?? 0) === event.value) {
    const retry =
      event.idempotencyKey !== undefined && (event.value === 0 || current?.key === event.idempotencyKey);
    return retry
      ? ok(state)
      : refuse(
          'duplicate_vote',
          event.value === 0 ? 'You have no vote to withdraw.' : 'You already voted this way.',
        );
  }
  if (pastDeadline(state, ctx.now)) return refuse('deadline_passed', 'Time is up for voting.');
  const votes =
    event.value === 0
      ? removeByUser(q.votes, uid)
      : upsertByUser(q.votes, { userId: uid, value: event.value, key: event.idempotencyKey ?? null });
  return ok(replaceQuestion(touchRoster(state, ctx), { ...q, votes }));
}

/** A facilitator hands a question to more answerers. */
export function reduceAssign(state: QuestionRoundState, event: Ev<'assign'>, ctx: Ctx): Result {
  if (state.phase !== 'answering')
    return refuse('wrong_phase', 'Questions are assigned while the round is answering.');
  const q = resolveQuestion(state, event.questionId);
  if (!q) return refuse('unknown_question', 'There is no such question in this round.');
  if (event.userIds.includes(q.authorId))
    return refuse('own_question', 'The asker cannot be assigned their own question.');
  const fresh = [...new Set(event.userIds)].filter((u) => !q.assignedTo.includes(u));
  if (fresh.length === 0) return ok(state);
  let next = replaceQuestion(state, {
    ...q,
    assignedTo: [...q.assignedTo, ...fresh],
    assignedAt: q.assignedAt ?? ctx.now,
  });
  for (const u of fresh)
    if (!findByUser(next.roster, u))
      next = { ...next, roster: [...next.roster, { userId: u, name: '', seenAt: null }] };
  return ok(next, [
    { type: 'questions_assigned', assignments: [{ questionId: q.id, userIds: fresh }] },
    {
      type: 'notify',
      to: { kind: 'users', userIds: fresh },
      message: { type: 'questions_assigned', questionIds: [q.id] },
    },
  ]);
}
