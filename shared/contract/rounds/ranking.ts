/** One question as the ranking sees it. */
export interface RankableQuestion {
  id: string;
  up: number;
  down: number;
  createdAt: number;
}

/** z for a one-sided 95% bound: the score is the share positive we are 95% sure the question has. */
const Z = 1.645;

/**
 * Lower bound of the Wilson score interval for the share of positive votes. Unlike the raw share it rewards
 * both the number of votes and their share: 1 up of 1 (0.27) ranks below 18 up of 20 (0.74), and one more
 * up-vote always raises it. Zero votes give 0.
 */
export function wilsonLowerBound(up: number, down: number): number {
  // No up-vote means no evidence of interest; exactly 0 also keeps rounding noise out of the order.
  if (up <= 0) return 0;
  const n = up + down;
  const p = up / n;
  const z2 = Z * Z;
  const centre = p + z2 / (2 * n);
  const spread = Z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n);
  return Math.max(0, (centre - spread) / (1 + z2 / n));
}

/**
 * Ranking score of a question: `wilsonLowerBound(up, down) * 2^(-age / halfLife)`. The decay (as in
 * backchan.nl) lets a new question with a few votes overtake an old one that was voted up before the
 * lecture moved on; the half-life is a round setting. The score is strictly increasing in up-votes and
 * non-increasing in down-votes and in age.
 */
export function questionScore(
  q: Pick<RankableQuestion, 'up' | 'down' | 'createdAt'>,
  now: number,
  halfLifeMs: number,
): number {
  const age = Math.max(0, now - q.createdAt);
  return wilsonLowerBound(q.up, q.down) * Math.pow(2, -age / halfLifeMs);
}

/** Questions best first, with their scores; ties go to the newer question, then to the lower id. */
export function rankQuestions<Q extends RankableQuestion>(
  questions: readonly Q[],
  now: number,
  halfLifeMs: number,
): { question: Q; score: number }[] {
  return questions
    .map((question) => ({ question, score: questionScore(question, now, halfLifeMs) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.question.createdAt - a.question.createdAt ||
        (a.question.id < b.question.id ? -1 : a.question.id > b.question.id ? 1 : 0),
    );
}
