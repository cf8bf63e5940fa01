import { DEFAULT_GATING, type GatingThresholds } from './settings';
import type { GatingResult } from './state';

/** Counts of the first vote: how many answered and how many of them chose the correct option. */
export interface GateInput {
  answered: number;
  correct: number;
  /** False for an opinion question (no correct option). */
  hasCorrectOption: boolean;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/**
 * Recommendation after the first vote (Vickrey et al. 2015): below `reteachBelow` correct the concept needs
 * re-teaching, above `moveOnAbove` a short explanation suffices, in between peer discussion pays off most.
 * The boundaries themselves belong to the discussion band (35% and 70% both discuss). The facilitator decides.
 */
export function recommend(input: GateInput, thresholds: GatingThresholds = DEFAULT_GATING): GatingResult {
  const { answered, correct } = input;
  if (!input.hasCorrectOption) {
    return {
      recommendation: 'discuss',
      shareCorrect: null,
      answered,
      correct: 0,
      reason: 'Opinion question without a correct option: discussing the different answers is the point.',
    };
  }
  if (answered === 0) {
    return {
      recommendation: 'discuss',
      shareCorrect: null,
      answered,
      correct: 0,
      reason: 'Nobody answered, so there is no share correct to gate on.',
    };
  }
  const share = Math.min(1, correct / answered);
  const base = { shareCorrect: share, answered, correct };
  if (share < thresholds.reteachBelow) {
    return {
      ...base,
      recommendation: 'reteach',
      reason: `${pct(share)} correct is below ${pct(thresholds.reteachBelow)}: re-teach the concept, then ask again.`,
    };
  }
  if (share > thresholds.moveOnAbove) {
    return {
      ...base,
      recommendation: 'explain_and_move_on',
      reason: `${pct(share)} correct is above ${pct(thresholds.moveOnAbove)}: explain briefly and move on.`,
    };
  }
  return {
    ...base,
    recommendation: 'discuss',
    reason: `${pct(share)} correct: peer discussion is most effective in this range.`,
  };
}
