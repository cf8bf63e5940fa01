import type { PersonalExport } from '../../contract/privacy';
import type { RoundState } from '../../contract/rounds';

type RoundsPart = PersonalExport['rounds'];
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Adds what `userId` contributed to one round to `out`: their votes with confidence, questions, votes on
 * questions, peer answers, ratings, muddiest points, poll answers and word-cloud words. Other people's items contribute only what the
 * subject needs to read their own (a question's text), never who wrote them.
 */
export function collectRoundItems(state: RoundState, userId: string, out: RoundsPart): void {
  const ref = {
    roundId: state.id as string,
    sessionId: state.sessionId as string,
    classId: state.classId as string,
  };
  if (state.kind === 'peer_instruction') {
    for (const [vote, list] of [
      ['first', state.answers],
      ['revote', state.revotes],
    ] as const) {
      for (const a of list) {
        if (a.userId !== userId) continue;
        out.answers.push({
          ...ref,
          question: state.question,
          vote,
          option: a.option,
          optionText: state.options[a.option] ?? null,
          confidence: a.confidence,
          at: iso(a.at),
        });
      }
    }
  } else if (state.kind === 'question_round') {
    for (const q of state.questions) {
      if (q.authorId === userId) {
        out.questions.push({
          ...ref,
          questionId: q.id,
          text: q.text,
          anonymous: q.anonymous,
          createdAt: iso(q.createdAt),
          upvotes: q.votes.filter((v) => v.value === 1).length,
          downvotes: q.votes.filter((v) => v.value === -1).length,
        });
      }
      for (const v of q.votes) {
        if (v.userId === userId) {
          out.votes.push({ ...ref, questionId: q.id, questionText: q.text, value: v.value });
        }
      }
    }
    for (const a of state.answers) {
      if (a.authorId === userId) {
        out.peerAnswers.push({
          ...ref,
          answerId: a.id,
          questionId: a.questionId,
          text: a.text,
          anonymous: a.anonymous,
          endorsed: a.endorsed,
          createdAt: iso(a.createdAt),
        });
      }
      for (const rating of a.ratings) {
        if (rating.userId === userId) out.ratings.push({ ...ref, answerId: a.id, value: rating.value });
      }
    }
  } else if (state.kind === 'poll') {
    for (const a of state.answers) {
      if (a.userId !== userId) continue;
      out.pollAnswers.push({
        ...ref,
        question: state.question,
        option: a.option,
        optionText: state.options[a.option] ?? '',
        at: iso(a.at),
      });
    }
  } else if (state.kind === 'wordcloud') {
    for (const e of state.entries) {
      if (e.authorId !== userId) continue;
      out.words.push({ ...ref, entryId: e.id, text: e.text, status: e.status, createdAt: iso(e.createdAt) });
    }
  } else {
    for (const p of state.points) {
      if (p.authorId !== userId) continue;
      out.muddyPoints.push({
        ...ref,
        pointId: p.id,
        text: p.text,
        headingId: p.headingId,
        anonymous: p.anonymous,
        createdAt: iso(p.createdAt),
      });
    }
  }
  if (state.createdBy === userId)
    out.created.push({ ...ref, kind: state.kind, createdAt: iso(state.createdAt) });
}
