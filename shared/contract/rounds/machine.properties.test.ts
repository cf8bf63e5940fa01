import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoundEffectSchema } from './effects';
import { reduce } from './machine';
import { phaseRank, isFinalPhase, type RoundKind } from './phases';
import { REFUSAL_REASONS } from './refusals';
import { RoundStateSchema, type RoundState } from './state';
import { T0, buildRound, ctx } from './test/factories';
import { arbSteps, resolveStep, type Step } from './test/arbitraries';
import { isRefusal, type ReduceResult } from './transition';

/** Freezes an object graph, skipping parts already frozen (states share structure). */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}

interface Trace {
  states: RoundState[];
  results: ReduceResult[];
}

/** Runs the steps from a fresh round, keeping every state and every result. */
function run(kind: RoundKind, steps: Step[], seed: number): Trace {
  let state = buildRound(kind);
  let now = T0;
  const states = [state];
  const results: ReduceResult[] = [];
  for (const step of steps) {
    now += step.advanceMs;
    const { event, actor } = resolveStep(state, step);
    // A frozen input proves `reduce` never mutates it: in strict mode any write would throw.
    const result = reduce(deepFreeze(state), event, ctx(actor, now, seed));
    results.push(result);
    if (!isRefusal(result)) state = result.state;
    states.push(state);
  }
  return { states, results };
}

const KINDS: RoundKind[] = ['peer_instruction', 'question_round', 'muddiest_point', 'poll', 'wordcloud'];
const RUNS = 100;

describe.each(KINDS)('%s round invariants (property)', (kind) => {
  it('keeps valid states and effects, typed refusals, and phases that only move forward', () => {
    fc.assert(
      fc.property(arbSteps(kind), fc.integer(), (steps, seed) => {
        const { states, results } = run(kind, steps, seed);
        results.forEach((r, i) => {
          const prev = states[i] as RoundState;
          const next = states[i + 1] as RoundState;
          if (isRefusal(r)) {
            expect(REFUSAL_REASONS).toContain(r.error);
            expect(r.message.length).toBeGreaterThan(0);
            return;
          }
          expect(RoundStateSchema.safeParse(next).success).toBe(true);
          for (const e of r.effects) expect(RoundEffectSchema.safeParse(e).success).toBe(true);
          expect(phaseRank(kind, next.phase)).toBeGreaterThanOrEqual(phaseRank(kind, prev.phase));
          if (next.phase !== prev.phase) {
            expect(isFinalPhase(prev.phase)).toBe(false);
            expect(r.effects).toContainEqual({
              type: 'phase_changed',
              from: prev.phase,
              to: next.phase,
              at: expect.any(Number) as number,
            });
          }
          if (isFinalPhase(prev.phase)) expect(next).toBe(prev);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('is deterministic: the same steps and seed give the same results', () => {
    fc.assert(
      fc.property(arbSteps(kind, 30), fc.integer(), (steps, seed) => {
        expect(run(kind, steps, seed).results).toEqual(run(kind, steps, seed).results);
      }),
      { numRuns: 50 },
    );
  });
});

describe('one counted answer per student per phase (property)', () => {
  it('Peer Instruction: a recorded vote never changes, and votes only arrive in their phase', () => {
    fc.assert(
      fc.property(arbSteps('peer_instruction', 80), fc.integer(), (steps, seed) => {
        const { states } = run('peer_instruction', steps, seed);
        for (let i = 1; i < states.length; i++) {
          const prev = states[i - 1] as Extract<RoundState, { kind: 'peer_instruction' }>;
          const next = states[i] as Extract<RoundState, { kind: 'peer_instruction' }>;
          for (const field of ['answers', 'revotes'] as const) {
            // Entries are only ever appended, and a student appears at most once per vote.
            expect(next[field].slice(0, prev[field].length)).toEqual(prev[field]);
            expect(new Set(next[field].map((a) => a.userId)).size).toBe(next[field].length);
            const added = next[field].length - prev[field].length;
            expect(added).toBeGreaterThanOrEqual(0);
            expect(added).toBeLessThanOrEqual(1);
            if (added === 1) expect(prev.phase).toBe(field === 'answers' ? 'answering' : 'revote');
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('question round: no self-votes, no self-assignment, one answer per peer and question, no self-ratings', () => {
    fc.assert(
      fc.property(arbSteps('question_round', 80), fc.integer(), (steps, seed) => {
        const { states } = run('question_round', steps, seed);
        for (const state of states) {
          if (state.kind !== 'question_round') continue;
          for (const q of state.questions) {
            expect(q.votes.some((v) => v.userId === q.authorId)).toBe(false);
            expect(new Set(q.votes.map((v) => v.userId)).size).toBe(q.votes.length);
            expect(q.assignedTo).not.toContain(q.authorId);
            expect(new Set(q.assignedTo).size).toBe(q.assignedTo.length);
            if (q.duplicateOf !== null) expect(q.votes).toEqual([]);
          }
          const peerPairs = state.answers
            .filter((a) => !a.byFacilitator)
            .map((a) => `${a.authorId}/${a.questionId}`);
          expect(new Set(peerPairs).size).toBe(peerPairs.length);
          for (const a of state.answers) {
            expect(a.ratings.some((r) => r.userId === a.authorId)).toBe(false);
            expect(new Set(a.ratings.map((r) => r.userId)).size).toBe(a.ratings.length);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('muddiest point: one point per student', () => {
    fc.assert(
      fc.property(arbSteps('muddiest_point', 60), fc.integer(), (steps, seed) => {
        const { states } = run('muddiest_point', steps, seed);
        const last = states[states.length - 1];
        if (last?.kind !== 'muddiest_point') return;
        const authors = last.points.map((p) => p.authorId);
        expect(new Set(authors).size).toBe(authors.length);
      }),
      { numRuns: RUNS },
    );
  });
});
