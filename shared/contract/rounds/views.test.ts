import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reduce } from './machine';
import type { RoundKind } from './phases';
import type { PiState, QuestionRoundState, RoundState } from './state';
import { ANONYMOUS_POSTERS, STUDENTS, arbSteps, resolveStep, type Step } from './test/arbitraries';
import { T0, accept, buildRound, ctx, drive, facilitator, student } from './test/factories';
import { roundIn } from './test/phaseStates';
import { isRefusal } from './transition';
import { RoundViewSchema, type Viewer } from './viewSchemas';
import { viewRound } from './views';

const s = student;
const asViewer = (n: number): Viewer => ({ userId: s(n).userId, role: 'student' });
const FAC: Viewer = { userId: facilitator.userId, role: 'facilitator' };
const open = { fullyAnonymous: false };

/** Every state a sequence of steps passes through. */
function statesOf(kind: RoundKind, steps: Step[], seed: number): RoundState[] {
  let state = buildRound(kind);
  let now = T0;
  const out = [state];
  for (const step of steps) {
    now += step.advanceMs;
    const { event, actor } = resolveStep(state, step);
    const r = reduce(state, event, ctx(actor, now, seed));
    if (!isRefusal(r)) {
      state = r.state;
      out.push(state);
    }
  }
  return out;
}

describe('Peer Instruction views', () => {
  it('shows a student their own vote and partners by name only, and hides everything else before the reveal', () => {
    const { state } = roundIn('peer_instruction', 'discussion');
    const view = viewRound(state, asViewer(1), open);
    if (view.kind !== 'peer_instruction') throw new Error('kind');
    expect(view.me).toEqual({
      answer: { option: 0, confidence: 'low' },
      revote: null,
      group: { index: 0, partners: [{ userId: 's-2-x', name: 'Student 2 Name' }] },
    });
    expect(view).toMatchObject({
      correctOption: null,
      results: null,
      gating: null,
      students: null,
      groups: null,
      answeredCount: 2,
    });
    expect(JSON.stringify(view)).not.toContain('"option":1');
  });

  it('shows students the results after the reveal', () => {
    const { state } = roundIn('peer_instruction', 'revealed');
    const view = viewRound(state, asViewer(2), open);
    if (view.kind !== 'peer_instruction') throw new Error('kind');
    expect(view.correctOption).toBe(1);
    expect(view.results?.before.counts).toEqual([1, 1, 0, 0]);
    expect(view.results?.after?.counts).toEqual([0, 1, 0, 0]);
    expect(view.students).toBeNull();
  });

  it('shows facilitators everything, live', () => {
    const { state } = roundIn('peer_instruction', 'discussion');
    const view = viewRound(state, FAC, open);
    if (view.kind !== 'peer_instruction') throw new Error('kind');
    expect(view.me).toBeNull();
    expect(view.correctOption).toBe(1);
    expect(view.gating?.recommendation).toBe('discuss');
    expect(view.students).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          userId: 's-1-x',
          name: 'Student 1 Name',
          answer: { option: 0, confidence: 'low' },
          groupIndex: 0,
        }),
      ]),
    );
    expect(view.groups?.[0]?.members.map((m) => m.userId).sort()).toEqual(['s-1-x', 's-2-x']);
    expect(view.results?.before.counts).toEqual([1, 1, 0, 0]);
  });

  it('never shows a cancelled round’s results to students', () => {
    const { state } = roundIn('peer_instruction', 'cancelled');
    const view = viewRound(state, asViewer(1), open);
    expect(view.kind === 'peer_instruction' && view.results).toBeNull();
  });
});

describe('question round views', () => {
  function round(): QuestionRoundState {
    let state = accept(buildRound('question_round'), { type: 'start' }, ctx(facilitator, T0)).state;
    state = drive(
      state,
      [
        [{ type: 'ask', text: 'How does paging work?', anonymous: true }, s(1)],
        [{ type: 'ask', text: 'What is a semaphore?' }, s(2)],
        [{ type: 'vote', questionId: 'q1', value: 1 }, s(3)],
        [{ type: 'vote', questionId: 'q2', value: -1 }, s(3)],
      ],
      T0 + 1,
    ).state;
    return state;
  }

  it('hides an anonymous asker from students, shows totals and the viewer’s own vote', () => {
    const view = viewRound(round(), asViewer(3), { ...open, now: T0 + 10 });
    if (view.kind !== 'question_round') throw new Error('kind');
    const [first, second] = view.questions;
    expect(first).toMatchObject({
      id: 'q1',
      author: null,
      anonymous: true,
      mine: false,
      votes: { up: 1, down: 0 },
      myVote: 1,
      assignedTo: null,
    });
    expect(second).toMatchObject({
      id: 'q2',
      author: { userId: 's-2-x', name: 'Student 2 Name' },
      votes: { up: 0, down: 1 },
      myVote: -1,
    });
    expect(JSON.stringify(view)).not.toContain('s-1-x');
  });

  it('tells the anonymous asker the question is theirs without naming them', () => {
    const view = viewRound(round(), asViewer(1), open);
    expect(view.kind === 'question_round' && view.questions.find((q) => q.id === 'q1')).toMatchObject({
      mine: true,
      author: null,
    });
  });

  it('names anonymous askers to facilitators unless the class is fully anonymous', () => {
    const named = viewRound(round(), FAC, open);
    expect(named.kind === 'question_round' && named.questions.find((q) => q.id === 'q1')?.author).toEqual({
      userId: 's-1-x',
      name: 'Student 1 Name',
    });
    const hidden = viewRound(round(), FAC, { fullyAnonymous: true });
    expect(
      hidden.kind === 'question_round' && hidden.questions.find((q) => q.id === 'q1')?.author,
    ).toBeNull();
    expect(JSON.stringify(hidden)).not.toContain('s-1-x');
  });

  it('lists a student’s assignments without revealing who else got the question', () => {
    const { state } = roundIn('question_round', 'answering');
    const view = viewRound(state, asViewer(2), open);
    if (view.kind !== 'question_round') throw new Error('kind');
    expect(view.myAssignments).toEqual(['q1']);
    expect(view.questions[0]).toMatchObject({ assignedToMe: true, assignedTo: null });
    expect(JSON.stringify(view)).not.toContain('s-3-x');
  });
});

describe('muddiest point views', () => {
  it('shows a student only their own point and the facilitator the grouped list', () => {
    const { state } = roundIn('muddiest_point', 'collecting');
    const mine = viewRound(state, asViewer(1), open);
    const other = viewRound(state, asViewer(2), open);
    const fac = viewRound(state, FAC, open);
    expect(mine).toMatchObject({
      mine: { text: 'Page tables', anonymous: true },
      points: null,
      clusters: null,
      submittedCount: 1,
    });
    expect(other).toMatchObject({ mine: null, points: null, clusters: null });
    expect(JSON.stringify(other)).not.toContain('Page tables');
    expect(fac).toMatchObject({
      points: [{ text: 'Page tables', author: { userId: 's-1-x' } }],
      clusters: [{ count: 1 }],
    });
    expect(viewRound(state, FAC, { fullyAnonymous: true })).toMatchObject({ points: [{ author: null }] });
  });
});

describe('views never leak (property)', () => {
  it('a student’s Peer Instruction view holds no other student before the reveal except their partners, and never their answers', () => {
    fc.assert(
      fc.property(arbSteps('peer_instruction', 60), fc.integer(), (steps, seed) => {
        for (const state of statesOf('peer_instruction', steps, seed) as PiState[]) {
          const revealed = state.phase === 'revealed' || state.phase === 'ended';
          for (const viewer of STUDENTS) {
            const view = viewRound(state, { userId: viewer.userId, role: 'student' }, open);
            expect(RoundViewSchema.safeParse(view).success).toBe(true);
            if (view.kind !== 'peer_instruction') throw new Error('kind');
            const partners = new Set(view.me?.group?.partners.map((p) => p.userId) ?? []);
            for (const p of view.me?.group?.partners ?? [])
              expect(Object.keys(p).sort()).toEqual(['name', 'userId']);
            const json = JSON.stringify(view);
            for (const other of STUDENTS) {
              if (other.userId === viewer.userId || partners.has(other.userId)) continue;
              expect(json).not.toContain(other.userId);
              expect(json).not.toContain(other.name as string);
            }
            if (!revealed)
              expect(view).toMatchObject({
                results: null,
                correctOption: null,
                students: null,
                gating: null,
                groups: null,
              });
            const mine = state.answers.find((a) => a.userId === viewer.userId);
            expect(view.me?.answer?.option ?? null).toBe(mine?.option ?? null);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('no student, and no facilitator of a fully anonymous class, sees the author of an anonymous question or answer', () => {
    fc.assert(
      fc.property(arbSteps('question_round', 60), fc.integer(), (steps, seed) => {
        const states = statesOf('question_round', steps, seed);
        const last = states[states.length - 1] as RoundState;
        for (const state of [states[Math.floor(states.length / 2)] as RoundState, last]) {
          for (const x of STUDENTS) {
            const view = viewRound(state, { userId: x.userId, role: 'student' }, open);
            expect(RoundViewSchema.safeParse(view).success).toBe(true);
            const json = JSON.stringify(view);
            for (const poster of STUDENTS.filter(
              (p) => ANONYMOUS_POSTERS.has(p.userId) && p.userId !== x.userId,
            )) {
              expect(json).not.toContain(poster.userId);
              expect(json).not.toContain(poster.name as string);
            }
          }
          // A facilitator of a fully anonymous class still sees assignments (names), but no author of an anonymous item.
          const fac = viewRound(state, FAC, { fullyAnonymous: true });
          if (fac.kind !== 'question_round') throw new Error('kind');
          for (const q of fac.questions) {
            if (q.anonymous) expect(q.author).toBeNull();
            for (const a of q.answers)
              if (a.author && !a.byFacilitator) expect(ANONYMOUS_POSTERS.has(a.author.userId)).toBe(false);
          }
        }
      }),
      { numRuns: 120 },
    );
  });
});
