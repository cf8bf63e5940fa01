import { describe, expect, it } from 'vitest';
import { ClassSettingsSchema } from '../../contract/classes';
import { ROUND_KINDS, type RoundState } from '../../contract/rounds';
import { accept, ctx, facilitator, student } from '../../contract/rounds/test/factories';
import { phasesOf, roundIn } from '../../contract/rounds/test/phaseStates';
import { presentFacilitatorRound, presentPublicRound, presentRound } from './roundPresenter';

const open = ClassSettingsSchema.parse({});
const strict = ClassSettingsSchema.parse({ fullyAnonymous: true });
const ids = [1, 2, 3, 4, 5].map((n) => student(n).userId);

/** A question round with an anonymous question by student 4, voted on and answered anonymously by student 2. */
function withAnonymous(): { state: RoundState; now: number } {
  const { state, now } = roundIn('question_round', 'asking');
  let s = accept(
    state,
    { type: 'ask', text: 'Is a thread a light process?', anonymous: true },
    ctx(student(4), now + 1),
  ).state;
  s = accept(s, { type: 'vote', questionId: 'q2', value: 1 }, ctx(student(2), now + 2)).state;
  s = accept(s, { type: 'closePhase', phase: 'asking' }, ctx(facilitator, now + 3)).state;
  s = accept(
    s,
    { type: 'assign', questionId: 'q2', userIds: [student(2).userId] },
    ctx(facilitator, now + 4),
  ).state;
  s = accept(
    s,
    { type: 'answerQuestion', questionId: 'q2', text: 'Lighter, sharing memory.', anonymous: true },
    ctx(student(2), now + 5),
  ).state;
  return { state: s, now: now + 6 };
}

describe('published round views', () => {
  it.each(ROUND_KINDS)('the public view of a %s round names no student in any phase, ever', (kind) => {
    for (const phase of phasesOf(kind)) {
      const { state, now } = roundIn(kind, phase);
      const text = JSON.stringify(presentPublicRound(state, open, now));
      // A question round shows the author of a question asked openly; nothing else names a student.
      const named =
        state.kind === 'question_round'
          ? state.questions.filter((q) => !q.anonymous).map((q) => q.authorId)
          : [];
      for (const id of ids.filter((u) => !named.includes(u)))
        expect(text, `${kind}/${phase}`).not.toContain(id);
      const view = presentPublicRound(state, open, now);
      if (view.kind === 'peer_instruction') {
        expect(view.me).toEqual({ answer: null, revote: null, group: null });
        expect(view.students).toBeNull();
        expect(view.gating).toBeNull();
        if (phase !== 'revealed' && phase !== 'ended') expect(view.results).toBeNull();
      }
      if (view.kind === 'muddiest_point')
        expect([view.mine, view.points, view.clusters]).toEqual([null, null, null]);
    }
  });

  it('never shows an anonymous author to students, and to facilitators only when the class allows it', () => {
    const { state, now } = withAnonymous();
    const anonymous = student(4);
    const answerer = student(2);
    for (const view of [
      presentPublicRound(state, open, now),
      presentRound(state, { userId: student(1).userId, role: 'student' }, open, now),
      presentRound(state, { userId: student(3).userId, role: 'student' }, open, now),
    ]) {
      const text = JSON.stringify(view);
      for (const leak of [anonymous.userId, anonymous.name, answerer.userId, answerer.name])
        expect(text).not.toContain(leak);
    }
    // Facilitators of a fully anonymous class see assignments, not who asked or answered anonymously.
    const blind = presentFacilitatorRound(state, strict, now);
    if (blind.kind !== 'question_round') throw new Error('expected a question round');
    const q2 = blind.questions.find((q) => q.id === 'q2');
    expect([q2?.author, q2?.answers[0]?.author]).toEqual([null, null]);
    const seen = presentFacilitatorRound(state, open, now);
    expect(seen.kind === 'question_round' && seen.questions.find((q) => q.id === 'q2')?.author?.userId).toBe(
      anonymous.userId,
    );
    // The author sees their own question as theirs, still without a name on it.
    const own = presentRound(state, { userId: anonymous.userId ?? '', role: 'student' }, open, now);
    expect(own.kind === 'question_round' && own.questions.find((q) => q.id === 'q2')).toMatchObject({
      mine: true,
      author: null,
    });
  });

  it('gives a student their own vote and partners but no one else’s answer', () => {
    const { state, now } = roundIn('peer_instruction', 'discussion');
    const mine = presentRound(state, { userId: student(1).userId, role: 'student' }, open, now);
    if (mine.kind !== 'peer_instruction') throw new Error('expected Peer Instruction');
    expect(mine.me?.answer).toEqual({ option: 0, confidence: 'low' });
    expect(mine.me?.group?.partners.map((p) => p.userId)).toEqual([student(2).userId]);
    expect(mine.results).toBeNull();
    expect(JSON.stringify(mine)).not.toContain('"option":1');
  });
});
