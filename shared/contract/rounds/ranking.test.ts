import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { questionScore, rankQuestions, wilsonLowerBound } from './ranking';

const HALF_LIFE = 15 * 60_000;
const T = 1_750_000_000_000;

describe('wilsonLowerBound', () => {
  it('is 0 without votes and below the raw share with few votes', () => {
    expect(wilsonLowerBound(0, 0)).toBe(0);
    expect(wilsonLowerBound(1, 0)).toBeGreaterThan(0);
    expect(wilsonLowerBound(1, 0)).toBeLessThan(0.3);
  });

  it('ranks many mostly-positive votes above a single positive one', () => {
    expect(wilsonLowerBound(18, 2)).toBeGreaterThan(wilsonLowerBound(1, 0));
    expect(wilsonLowerBound(40, 5)).toBeGreaterThan(wilsonLowerBound(3, 0));
  });

  it('rewards the share of positive votes at equal volume', () => {
    expect(wilsonLowerBound(15, 5)).toBeGreaterThan(wilsonLowerBound(10, 10));
  });
});

describe('questionScore', () => {
  it('halves after one half-life', () => {
    const fresh = questionScore({ up: 10, down: 1, createdAt: T }, T, HALF_LIFE);
    const old = questionScore({ up: 10, down: 1, createdAt: T }, T + HALF_LIFE, HALF_LIFE);
    expect(old).toBeCloseTo(fresh / 2, 10);
  });

  it('is strictly increasing in up-votes (property)', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), fc.nat(4 * HALF_LIFE), (up, down, age) => {
        const a = questionScore({ up, down, createdAt: T }, T + age, HALF_LIFE);
        const b = questionScore({ up: up + 1, down, createdAt: T }, T + age, HALF_LIFE);
        expect(b).toBeGreaterThan(a);
      }),
    );
  });

  it('is non-increasing in down-votes and in age (property)', () => {
    fc.assert(
      fc.property(
        fc.nat(500),
        fc.nat(500),
        fc.nat(4 * HALF_LIFE),
        fc.nat(HALF_LIFE),
        (up, down, age, more) => {
          const base = questionScore({ up, down, createdAt: T }, T + age, HALF_LIFE);
          expect(questionScore({ up, down: down + 1, createdAt: T }, T + age, HALF_LIFE)).toBeLessThanOrEqual(
            base,
          );
          expect(questionScore({ up, down, createdAt: T }, T + age + more, HALF_LIFE)).toBeLessThanOrEqual(
            base,
          );
        },
      ),
    );
  });
});

describe('rankQuestions', () => {
  it('lets a recent, well-voted question overtake an old one', () => {
    const ranked = rankQuestions(
      [
        { id: 'old', up: 12, down: 0, createdAt: T },
        { id: 'new', up: 6, down: 0, createdAt: T + 40 * 60_000 },
        { id: 'none', up: 0, down: 0, createdAt: T + 41 * 60_000 },
      ],
      T + 45 * 60_000,
      HALF_LIFE,
    );
    expect(ranked.map((r) => r.question.id)).toEqual(['new', 'old', 'none']);
  });

  it('breaks ties by recency, then by id', () => {
    const ranked = rankQuestions(
      [
        { id: 'b', up: 0, down: 0, createdAt: T },
        { id: 'a', up: 0, down: 0, createdAt: T },
        { id: 'c', up: 0, down: 0, createdAt: T + 1 },
      ],
      T + 2,
      HALF_LIFE,
    );
    expect(ranked.map((r) => r.question.id)).toEqual(['c', 'a', 'b']);
  });
});
