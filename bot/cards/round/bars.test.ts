import { describe, expect, it } from 'vitest';
import type { PiAnalytics } from '../../../shared/contract/rounds/analyticsSchemas';
import { bar, distributionLines, formatGain, pct, resultFacts } from './bars';

const summary = (counts: number[], correct: number | null) => {
  const answered = counts.reduce((a, b) => a + b, 0);
  return { counts, answered, shareCorrect: correct === null ? null : (counts[correct] ?? 0) / answered };
};

function results(before: number[], after: number[] | null, correct: number | null): PiAnalytics {
  return {
    roundId: 'r' as PiAnalytics['roundId'],
    kind: 'peer_instruction',
    question: 'Q',
    options: before.map((_, i) => `o${i}`),
    correctOption: correct,
    before: summary(before, correct),
    after: after ? summary(after, correct) : null,
    switches:
      after && correct !== null
        ? {
            matched: 10,
            wrongToRight: 3,
            rightToWrong: 1,
            rightToRight: 3,
            wrongToOtherWrong: 1,
            wrongToSameWrong: 2,
          }
        : null,
    transitions: [],
    changedAnswer: 4,
    normalizedChange: after ? 0.3333 : null,
    confidenceBefore: { mean: 2, meanCorrect: 2.5, meanWrong: 1.5 },
    confidenceAfter: null,
    confidenceShift: after ? 0.25 : null,
    participation: { eligible: 10, answering: { count: 10, rate: 1 }, discussion: null, revote: null },
  };
}

describe('bars', () => {
  it('draws shares as ten blocks, rounding to the nearest block', () => {
    expect(bar(0)).toBe('░'.repeat(10));
    expect(bar(1)).toBe('█'.repeat(10));
    expect(bar(0.44)).toBe('████░░░░░░');
    expect(bar(0.46)).toBe('█████░░░░░');
    expect(bar(1.7)).toBe('█'.repeat(10));
    expect(pct(0.333)).toBe('33%');
    expect(pct(null)).toBe('-');
  });

  it('shows each option before and after, with counts, percentages and the correct mark', () => {
    const lines = distributionLines(results([4, 4, 2], [1, 8, 1], 1));
    expect(lines).toEqual([
      'A   ████░░░░░░  40% (4) → █░░░░░░░░░  10% (1)',
      'B ✓ ████░░░░░░  40% (4) → ████████░░  80% (8)',
      'C   ██░░░░░░░░  20% (2) → █░░░░░░░░░  10% (1)',
    ]);
  });

  it('shows the first vote alone before a re-vote, and no mark for an opinion question', () => {
    expect(distributionLines(results([1, 3], null, null))).toEqual([
      'A   ███░░░░░░░  25% (1)',
      'B   ████████░░  75% (3)',
    ]);
  });

  it('lists share correct, normalized change, switches and confidence shift', () => {
    const facts = Object.fromEntries(
      resultFacts(results([4, 4, 2], [1, 8, 1], 1)).map((f) => [f.title, f.value]),
    );
    expect(facts).toEqual({
      Answered: '10 → 10',
      Correct: '40% → 80%',
      'Normalized change': '+0.33',
      Switched: 'wrong → right 3, right → wrong 1',
      'Confidence shift': '+0.25 (scale 1-3)',
    });
    expect(formatGain(null)).toMatch(/not defined/);
    expect(formatGain(-0.5)).toBe('-0.50');
  });
});
