import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addLateJoiner, formGroups, type GroupingAnswer } from './grouping';
import { createRng, seedFrom, shuffled } from './prng';

const answersOf = (options: number[]): GroupingAnswer[] =>
  options.map((option, i) => ({ userId: `u${i}`, option }));

/** Arbitrary first votes: up to 60 students, up to 6 options, an optional correct option. */
const arbVotes = fc.record({
  options: fc.array(fc.nat(5), { maxLength: 60 }),
  correct: fc.option(fc.nat(5), { nil: null }),
  others: fc.nat(12),
  seed: fc.integer(),
});

describe('formGroups', () => {
  it('pairs each correct student with a wrong one when the class splits evenly', () => {
    const groups = formGroups({ answers: answersOf([1, 1, 1, 0, 2, 3]), correctOption: 1, seed: 3 });
    const optionOf = new Map(answersOf([1, 1, 1, 0, 2, 3]).map((a) => [a.userId, a.option]));
    expect(groups).toHaveLength(3);
    for (const g of groups) {
      const opts = g.members.map((u) => optionOf.get(u));
      expect(opts.filter((o) => o === 1)).toHaveLength(1);
    }
  });

  it('makes one triple when the number of students is odd', () => {
    const groups = formGroups({ answers: answersOf([0, 1, 0, 1, 2]), correctOption: null, seed: 1 });
    expect(groups.map((g) => g.members.length).sort()).toEqual([2, 3]);
  });

  it('is deterministic for a seed and varies with it', () => {
    const input = { answers: answersOf([0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 3, 0]), correctOption: 2 };
    expect(formGroups({ ...input, seed: 99 })).toEqual(formGroups({ ...input, seed: 99 }));
    const seeds = [1, 2, 3, 4, 5].map((seed) => JSON.stringify(formGroups({ ...input, seed })));
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });

  it('gives a lone answerer a listener rather than leaving them alone', () => {
    expect(formGroups({ answers: answersOf([2]), correctOption: 2, others: ['late'], seed: 1 })).toEqual([
      { members: ['u0', 'late'] },
    ]);
  });

  it('spreads students who did not answer one per group, then groups the rest among themselves', () => {
    const groups = formGroups({
      answers: answersOf([0, 1, 0, 1]),
      correctOption: 1,
      others: ['x1', 'x2', 'x3', 'x4', 'x5'],
      seed: 5,
    });
    const sizes = groups.map((g) => g.members.length).sort();
    expect(sizes).toEqual([3, 3, 3]);
    const pairOfListeners = groups.find((g) => g.members.every((u) => u.startsWith('x')));
    expect(pairOfListeners?.members).toHaveLength(3);
    expect(groups.flatMap((g) => g.members).sort()).toEqual([
      'u0',
      'u1',
      'u2',
      'u3',
      'x1',
      'x2',
      'x3',
      'x4',
      'x5',
    ]);
  });

  it('groups students who did not answer among themselves when nobody answered', () => {
    const groups = formGroups({ answers: [], correctOption: 0, others: ['a', 'b', 'c'], seed: 5 });
    expect(groups).toHaveLength(1);
    expect(groups[0]?.members.sort()).toEqual(['a', 'b', 'c']);
  });

  it('returns no groups for an empty room and ignores repeated ids', () => {
    expect(formGroups({ answers: [], correctOption: null, seed: 1 })).toEqual([]);
    const groups = formGroups({
      answers: [...answersOf([0, 1]), { userId: 'u0', option: 1 }],
      correctOption: null,
      others: ['u1'],
      seed: 1,
    });
    expect(groups).toEqual([{ members: expect.arrayContaining(['u0', 'u1']) as string[] }]);
    expect(groups[0]?.members).toHaveLength(2);
  });

  it('covers every answering and present student exactly once (property)', () => {
    fc.assert(
      fc.property(arbVotes, ({ options, correct, others, seed }) => {
        const extra = Array.from({ length: others }, (_, i) => `o${i}`);
        const groups = formGroups({
          answers: answersOf(options),
          correctOption: correct,
          others: extra,
          seed,
        });
        const members = groups.flatMap((g) => g.members);
        expect(members.slice().sort()).toEqual([...options.map((_, i) => `u${i}`), ...extra].sort());
        if (members.length >= 2) for (const g of groups) expect(g.members.length).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 300 },
    );
  });

  it('puts 2 or 3 answering students in each group, one triple exactly when their number is odd (property)', () => {
    fc.assert(
      fc.property(arbVotes, ({ options, correct, others, seed }) => {
        fc.pre(options.length >= 2);
        const extra = Array.from({ length: others }, (_, i) => `o${i}`);
        const groups = formGroups({
          answers: answersOf(options),
          correctOption: correct,
          others: extra,
          seed,
        });
        const answering = groups
          .map((g) => g.members.filter((u) => u.startsWith('u')).length)
          .filter((n) => n > 0);
        for (const n of answering) expect([2, 3]).toContain(n);
        expect(answering.filter((n) => n === 3)).toHaveLength(options.length % 2);
        for (const g of groups) expect(g.members.length).toBeLessThanOrEqual(4);
      }),
      { numRuns: 300 },
    );
  });

  it('makes every group differ in answers when no answer holds more than half, and puts a correct student in every group when there are enough (property)', () => {
    fc.assert(
      fc.property(arbVotes, ({ options, correct, seed }) => {
        fc.pre(options.length >= 2);
        const answers = answersOf(options);
        const optionOf = new Map(answers.map((a) => [a.userId, a.option]));
        const groups = formGroups({ answers, correctOption: correct, seed });
        const counts = new Map<number, number>();
        for (const o of options) counts.set(o, (counts.get(o) ?? 0) + 1);
        const largest = Math.max(...counts.values());
        if (largest <= Math.floor(options.length / 2))
          for (const g of groups)
            expect(new Set(g.members.map((u) => optionOf.get(u))).size).toBeGreaterThan(1);
        const correctCount = correct === null ? 0 : (counts.get(correct) ?? 0);
        if (correct !== null && correctCount >= groups.length)
          for (const g of groups) expect(g.members.some((u) => optionOf.get(u) === correct)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('addLateJoiner', () => {
  it('joins the smallest group, first on ties, and keeps a grouped student where they are', () => {
    const groups = [{ members: ['a', 'b', 'c'] }, { members: ['d', 'e'] }, { members: ['f', 'g'] }];
    const joined = addLateJoiner(groups, 'late');
    expect(joined.index).toBe(1);
    expect(joined.groups[1]?.members).toEqual(['d', 'e', 'late']);
    expect(groups[1]?.members).toEqual(['d', 'e']);
    expect(addLateJoiner(joined.groups, 'late').index).toBe(1);
    expect(addLateJoiner([], 'x')).toEqual({ groups: [{ members: ['x'] }], index: 0 });
  });
});

describe('prng', () => {
  it('is reproducible, in [0, 1), and shuffles without losing items', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(shuffled([1, 2, 3, 4, 5], createRng(1)).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(seedFrom(1, 'round-a')).not.toBe(seedFrom(1, 'round-b'));
  });
});
