import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reduce } from './machine';
import type { RoundKind } from './phases';
import { pollResults } from './quickAnalytics';
import type { PollState, RoundState, WordcloudState } from './state';
import { T0, buildRound, ctx } from './test/factories';
import { FILTERED_STUDENTS, STUDENTS, arbSteps, resolveStep, type Step } from './test/arbitraries';
import { isRefusal } from './transition';
import { viewRound } from './views';
import { displayForm, wordKey } from './wordcloud';

/** Runs random steps; the word filter (the service's job) holds back the words of FILTERED_STUDENTS. */
function run(kind: RoundKind, steps: Step[], seed: number): RoundState[] {
  let state = buildRound(kind);
  let now = T0;
  const states = [state];
  for (const step of steps) {
    now += step.advanceMs;
    const { event, actor } = resolveStep(state, step);
    const held = event.type === 'submitWord' && FILTERED_STUDENTS.has(actor.userId);
    const result = reduce(state, event, { ...ctx(actor, now, seed), held });
    if (!isRefusal(result)) state = result.state;
    states.push(state);
  }
  return states;
}

const RUNS = 60;
/** Runs of the view properties: each renders every student's view of every distinct state. */
const VIEW_RUNS = 30;
const opts = { fullyAnonymous: false };
const publicPhase = (phase: string) => phase === 'revealed' || phase === 'ended';

describe('quick poll (property)', () => {
  it('counts equal answers: one answer per student, every option count adds up', () => {
    fc.assert(
      fc.property(arbSteps('poll', 80), fc.integer(), (steps, seed) => {
        for (const state of run('poll', steps, seed) as PollState[]) {
          const users = state.answers.map((a) => a.userId);
          expect(new Set(users).size).toBe(users.length);
          const r = pollResults(state);
          expect(r.counts.reduce((a, b) => a + b, 0)).toBe(state.answers.length);
          expect(r.counts).toHaveLength(state.options.length);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('hides results until the reveal and never tells a student what anyone else chose', () => {
    fc.assert(
      fc.property(arbSteps('poll', 60), fc.integer(), (steps, seed) => {
        // A refused step keeps the same state object: each distinct state is looked at once.
        for (const state of new Set(run('poll', steps, seed) as PollState[])) {
          const fac = viewRound(state, { userId: 'fac-1', role: 'facilitator' }, opts);
          if (fac.kind !== 'poll') throw new Error('kind');
          if (state.phase === 'ready' || state.phase === 'answering' || state.phase === 'cancelled')
            expect(fac.results).toBeNull();
          // Anonymous by default: not even facilitators see who chose what.
          expect(fac.voters).toBeNull();
          for (const s of STUDENTS) {
            const v = viewRound(state, { userId: s.userId, role: 'student' }, opts);
            if (v.kind !== 'poll') throw new Error('kind');
            expect(v.results === null).toBe(!publicPhase(state.phase));
            expect(v.voters).toBeNull();
            expect(v.myAnswer).toBe(state.answers.find((a) => a.userId === s.userId)?.option ?? null);
            const others = STUDENTS.filter((o) => o.userId !== s.userId).map((o) => o.userId);
            const json = JSON.stringify(v);
            for (const o of others) expect(json).not.toContain(o);
          }
        }
      }),
      { numRuns: VIEW_RUNS },
    );
  });
});

describe('word cloud (property)', () => {
  it('counts visible entries only: held and hidden entries never reach the cloud', () => {
    fc.assert(
      fc.property(arbSteps('wordcloud', 80), fc.integer(), (steps, seed) => {
        for (const state of run('wordcloud', steps, seed) as WordcloudState[]) {
          const fac = viewRound(state, { userId: 'fac-1', role: 'facilitator' }, opts);
          if (fac.kind !== 'wordcloud' || !fac.cloud) throw new Error('facilitators see the cloud');
          const visible = state.entries.filter((e) => e.status === 'visible' && wordKey(e.text) !== '');
          expect(fac.cloud.reduce((sum, g) => sum + g.count, 0)).toBe(visible.length);
          for (const g of fac.cloud) {
            const members = visible.filter((e) => wordKey(e.text) === g.key);
            expect(members).toHaveLength(g.count);
            expect(members.map((e) => displayForm(e.text))).toContain(g.label);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('shows students nothing before the reveal but their own words, and never a hidden entry', () => {
    fc.assert(
      fc.property(arbSteps('wordcloud', 60), fc.integer(), (steps, seed) => {
        for (const state of new Set(run('wordcloud', steps, seed) as WordcloudState[])) {
          const shown = new Set(
            state.entries.filter((e) => e.status === 'visible').map((e) => displayForm(e.text)),
          );
          for (const s of STUDENTS) {
            const v = viewRound(state, { userId: s.userId, role: 'student' }, opts);
            if (v.kind !== 'wordcloud') throw new Error('kind');
            expect(v.entries).toBeNull();
            expect(v.cloud === null).toBe(!publicPhase(state.phase));
            for (const g of v.cloud ?? []) expect(shown.has(g.label)).toBe(true);
            const own = state.entries.filter((e) => e.authorId === s.userId && e.status !== 'hidden');
            expect(v.mine?.map((m) => m.id)).toEqual(own.map((e) => e.id));
            const json = JSON.stringify(v);
            for (const o of STUDENTS) if (o.userId !== s.userId) expect(json).not.toContain(o.userId);
          }
        }
      }),
      { numRuns: VIEW_RUNS },
    );
  });

  it('takes a word once per student and holds back what the filter matched', () => {
    fc.assert(
      fc.property(arbSteps('wordcloud', 80), fc.integer(), (steps, seed) => {
        const states = run('wordcloud', steps, seed) as WordcloudState[];
        const last = states[states.length - 1] as WordcloudState;
        for (const s of STUDENTS) {
          const keys = last.entries.filter((e) => e.authorId === s.userId).map((e) => wordKey(e.text));
          expect(new Set(keys).size).toBe(keys.length);
          expect(keys.length).toBeLessThanOrEqual(last.settings.entriesPerStudent);
        }
        // An entry enters held exactly when the filter matched; afterwards only a facilitator changes it.
        for (let i = 1; i < states.length; i++) {
          const prev = states[i - 1] as WordcloudState;
          const next = states[i] as WordcloudState;
          for (const e of next.entries.slice(prev.entries.length))
            expect(e.status).toBe(FILTERED_STUDENTS.has(e.authorId) ? 'held' : 'visible');
        }
      }),
      { numRuns: RUNS },
    );
  });
});
