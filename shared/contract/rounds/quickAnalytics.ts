import type { PollAnalytics, PollResults, WordcloudAnalytics } from './analyticsSchemas';
import { memoByState } from './memo';
import type { PollState, RoundState, WordcloudState } from './state';
import { groupWords, type WordGroup } from './wordcloud';

// Local twins of the helpers in `analytics.ts`, which imports this module for its per-kind switch.
function eligible(state: RoundState): number | null {
  if (state.eligibleCount !== null) return state.eligibleCount;
  return state.roster.length === 0 ? null : state.roster.length;
}
const rate = (n: number, of: number | null): number | null =>
  of === null || of === 0 ? null : Math.min(1, n / of);

/** Answers per option; for a scale also the mean value (option i is worth i + 1). */
export function pollResults(state: PollState): PollResults {
  const counts = new Array<number>(state.options.length).fill(0);
  for (const a of state.answers) counts[a.option] = (counts[a.option] ?? 0) + 1;
  const answered = state.answers.length;
  const mean =
    state.scale === null || answered === 0
      ? null
      : state.answers.reduce((sum, a) => sum + a.option + 1, 0) / answered;
  return { counts, answered, mean };
}

/** Analytics of a quick poll: the distribution and who took part (as a count). */
export function pollAnalytics(state: PollState): PollAnalytics {
  const of = eligible(state);
  const answered = state.answers.length;
  return {
    roundId: state.id,
    kind: 'poll',
    question: state.question,
    options: state.options,
    scale: state.scale,
    results: pollResults(state),
    participation: { eligible: of, active: answered, rate: rate(answered, of) },
  };
}

/** The words of a cloud: visible entries only, so a held or hidden entry is never counted or shown. */
export const cloudWords = memoByState((state: WordcloudState): WordGroup[] =>
  groupWords(state.entries.filter((e) => e.status === 'visible')),
);

/** Analytics of a word cloud: its words, and how much moderation kept out of it. */
export function wordcloudAnalytics(state: WordcloudState): WordcloudAnalytics {
  const of = eligible(state);
  const contributors = new Set(state.entries.map((e) => e.authorId)).size;
  const by = (status: string) => state.entries.filter((e) => e.status === status).length;
  return {
    roundId: state.id,
    kind: 'wordcloud',
    prompt: state.prompt,
    entries: by('visible'),
    held: by('held'),
    hidden: by('hidden'),
    words: cloudWords(state),
    participation: { eligible: of, active: contributors, rate: rate(contributors, of) },
  };
}
