import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignAnswerers } from './assignment';

describe('assignAnswerers', () => {
  it('never assigns the asker and spreads questions evenly', () => {
    const out = assignAnswerers({
      questions: [
        { id: 'q1', authorId: 'ann' },
        { id: 'q2', authorId: 'bob' },
        { id: 'q3', authorId: 'cy' },
      ],
      answerers: ['ann', 'bob', 'cy', 'dee'],
      perQuestion: 2,
      seed: 4,
    });
    expect(out).toHaveLength(3);
    const load = new Map<string, number>();
    for (const a of out) {
      expect(a.userIds).toHaveLength(2);
      for (const u of a.userIds) load.set(u, (load.get(u) ?? 0) + 1);
    }
    expect(out.find((a) => a.questionId === 'q1')?.userIds).not.toContain('ann');
    expect(out.find((a) => a.questionId === 'q2')?.userIds).not.toContain('bob');
    expect(Math.max(...load.values()) - Math.min(...load.values())).toBeLessThanOrEqual(1);
  });

  it('counts answerers a question already has and the load people already carry', () => {
    const out = assignAnswerers({
      questions: [{ id: 'q1', authorId: 'ann', assignedTo: ['bob'] }],
      answerers: ['bob', 'cy', 'dee'],
      perQuestion: 2,
      load: { cy: 3 },
      seed: 1,
    });
    expect(out).toEqual([{ questionId: 'q1', userIds: ['dee'] }]);
  });

  it('assigns nobody when the only answerer is the asker', () => {
    expect(
      assignAnswerers({
        questions: [{ id: 'q1', authorId: 'ann' }],
        answerers: ['ann'],
        perQuestion: 2,
        seed: 1,
      }),
    ).toEqual([]);
  });

  it('is deterministic for a seed', () => {
    const input = {
      questions: [1, 2, 3, 4].map((i) => ({ id: `q${i}`, authorId: `u${i}` })),
      answerers: Array.from({ length: 9 }, (_, i) => `u${i}`),
      perQuestion: 1,
    };
    expect(assignAnswerers({ ...input, seed: 8 })).toEqual(assignAnswerers({ ...input, seed: 8 }));
  });

  it('never assigns the asker, never twice, and keeps loads within one when askers do not answer (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        (nq, na, per, seed) => {
          const questions = Array.from({ length: nq }, (_, i) => ({ id: `q${i}`, authorId: `asker${i}` }));
          const answerers = Array.from({ length: na }, (_, i) => `peer${i}`);
          const out = assignAnswerers({
            questions,
            answerers: [...answerers, 'asker0'],
            perQuestion: per,
            seed,
          });
          const load = new Map<string, number>(answerers.map((u) => [u, 0]));
          for (const a of out) {
            const q = questions.find((x) => x.id === a.questionId);
            expect(a.userIds).not.toContain(q?.authorId);
            expect(new Set(a.userIds).size).toBe(a.userIds.length);
            expect(a.userIds.length).toBe(Math.min(per, a.questionId === 'q0' ? na : na + 1));
            for (const u of a.userIds) load.set(u, (load.get(u) ?? 0) + 1);
          }
          expect(Math.max(...load.values()) - Math.min(...load.values())).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
