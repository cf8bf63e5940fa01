import type { PiAnalytics, VoteSummary } from '../../../shared/contract/rounds/analyticsSchemas';
import { letter } from '../elements';

const WIDTH = 10;

/** A share (0..1) as a bar of block characters; readable in every Teams client and in screen readers' text. */
export function bar(share: number, width = WIDTH): string {
  const filled = Math.max(0, Math.min(width, Math.round(share * width)));
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** A share as a whole percentage. */
export function pct(share: number | null): string {
  return share === null ? '-' : `${Math.round(share * 100)}%`;
}

function shareOf(summary: VoteSummary, option: number): number {
  return summary.answered === 0 ? 0 : (summary.counts[option] ?? 0) / summary.answered;
}

/**
 * One line per option: letter, correct mark, the first vote as bar, percentage and count, then the re-vote
 * when there was one. `A ✓ ████░░░░░░  40% (16) → ███████░░░  70% (28)`
 */
export function distributionLines(results: PiAnalytics): string[] {
  return results.options.map((_, i) => {
    const mark = results.correctOption === i ? '✓' : ' ';
    const first = shareOf(results.before, i);
    const before = `${bar(first)} ${pct(first).padStart(4)} (${results.before.counts[i] ?? 0})`;
    if (!results.after) return `${letter(i)} ${mark} ${before}`;
    const second = shareOf(results.after, i);
    const after = `${bar(second)} ${pct(second).padStart(4)} (${results.after.counts[i] ?? 0})`;
    return `${letter(i)} ${mark} ${before} → ${after}`;
  });
}

/** Normalized change (post - pre) / (1 - pre), as a signed two-decimal number. */
export function formatGain(value: number | null): string {
  if (value === null) return 'not defined (everyone was right the first time)';
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
}

/** The learning figures under the bars: share correct before and after, normalized change, switches. */
export function resultFacts(results: PiAnalytics): Array<{ title: string; value: string }> {
  const facts = [
    {
      title: 'Answered',
      value: `${results.before.answered}${results.after ? ` → ${results.after.answered}` : ''}`,
    },
  ];
  if (results.correctOption === null) return facts;
  facts.push({
    title: 'Correct',
    value: results.after
      ? `${pct(results.before.shareCorrect)} → ${pct(results.after.shareCorrect)}`
      : pct(results.before.shareCorrect),
  });
  if (results.after) facts.push({ title: 'Normalized change', value: formatGain(results.normalizedChange) });
  if (results.switches)
    facts.push({
      title: 'Switched',
      value: `wrong → right ${results.switches.wrongToRight}, right → wrong ${results.switches.rightToWrong}`,
    });
  if (results.confidenceShift !== null)
    facts.push({
      title: 'Confidence shift',
      value: `${results.confidenceShift >= 0 ? '+' : ''}${results.confidenceShift.toFixed(2)} (scale 1-3)`,
    });
  return facts;
}
