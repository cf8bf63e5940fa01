import { assignAnswerers } from './assignment';
import type { RoundEffect, WriteBackSummary } from './effects';
import type { QuestionId } from './ids';
import type { RoundPhase } from './phases';
import { seedFrom } from './prng';
import { rankQuestions } from './ranking';
import type { Question, QuestionRoundState } from './state';
import { presentStudents, type Accepted, type Ctx } from './transition';

/** An accepted question-round result. */
export const ok = (state: QuestionRoundState, effects: RoundEffect[] = []): Accepted<QuestionRoundState> => ({
  state,
  effects,
});
const tally = (q: Question) => {
  const votes = q.votes;
  return { up: votes.filter((v) => v.value === 1).length, down: votes.filter((v) => v.value === -1).length };
};

/** Distinct (not merged) questions, best ranked first. */
export function rankedQuestions(
  state: QuestionRoundState,
  now: number,
): { question: Question; score: number }[] {
  const distinct = state.questions.filter((q) => q.duplicateOf === null).map((q) => ({ ...q, ...tally(q) }));
  return rankQuestions(distinct, now, state.settings.rankingHalfLifeMs).map(({ question, score }) => ({
    question: state.questions.find((q) => q.id === question.id) as Question,
    score,
  }));
}

/** The state with one question replaced (matched by id). */
export function replaceQuestion(state: QuestionRoundState, q: Question): QuestionRoundState {
  return { ...state, questions: state.questions.map((x) => (x.id === q.id ? q : x)) };
}

/** The question itself, or the earlier one it was merged into. */
export function resolveQuestion(state: QuestionRoundState, id: string): Question | undefined {
  const q = state.questions.find((x) => x.id === id);
  if (!q || q.duplicateOf === null) return q;
  return state.questions.find((x) => x.id === q.duplicateOf);
}

/** Endorsed Q&A for the notes, best ranked first; anonymous authors are left out. */
export function questionWriteBack(state: QuestionRoundState, now: number): WriteBackSummary {
  const entries = rankedQuestions(state, now).flatMap(({ question: q }) => {
    const answers = state.answers.filter((a) => a.questionId === q.id && a.endorsed);
    if (answers.length === 0) return [];
    return [
      {
        questionId: q.id,
        question: q.text,
        askedBy: q.anonymous ? null : q.authorName,
        sectionId: q.answeredInNotes?.passageId ?? null,
        answers: answers.map((a) => ({
          answerId: a.id,
          text: a.text,
          author: a.anonymous ? null : a.authorName,
          byFacilitator: a.byFacilitator,
        })),
      },
    ];
  });
  return { kind: 'question_round', roundId: state.id, at: now, topic: state.topic, entries };
}

/** Work on entering a question-round phase: assignment of the top questions, the write-back at the end. */
export function enterQuestionRound(
  state: QuestionRoundState,
  to: RoundPhase,
  ctx: Ctx,
): Accepted<QuestionRoundState> {
  if (to === 'asking')
    return ok(state, [{ type: 'notify', to: { kind: 'students' }, message: { type: 'round_started' } }]);
  if (to === 'answering') {
    const top = rankedQuestions(state, ctx.now)
      .slice(0, state.settings.topQuestions)
      .map((r) => r.question);
    const assignments = assignAnswerers({
      questions: top,
      answerers: presentStudents(state),
      perQuestion: state.settings.answerersPerQuestion,
      seed: seedFrom(ctx.seed, state.id),
    });
    let next = state;
    const perUser = new Map<string, QuestionId[]>();
    for (const a of assignments) {
      const q = next.questions.find((x) => x.id === a.questionId) as Question;
      next = replaceQuestion(next, {
        ...q,
        assignedTo: [...q.assignedTo, ...a.userIds],
        assignedAt: ctx.now,
      });
      for (const u of a.userIds) perUser.set(u, [...(perUser.get(u) ?? []), q.id]);
    }
    const effects: RoundEffect[] = [];
    if (assignments.length > 0)
      effects.push({
        type: 'questions_assigned',
        assignments: assignments.map((a) => ({ questionId: a.questionId as QuestionId, userIds: a.userIds })),
      });
    for (const [u, questionIds] of perUser)
      effects.push({
        type: 'notify',
        to: { kind: 'users', userIds: [u] },
        message: { type: 'questions_assigned', questionIds },
      });
    return ok(next, effects);
  }
  if (to === 'ended') {
    const done: RoundEffect = { type: 'notify', to: { kind: 'students' }, message: { type: 'round_ended' } };
    const summary = questionWriteBack(state, ctx.now);
    if (summary.kind !== 'question_round' || summary.entries.length === 0) return ok(state, [done]);
    return ok({ ...state, writtenBack: true }, [{ type: 'write_back', summary }, done]);
  }
  return ok(state);
}
