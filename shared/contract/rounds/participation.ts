/**
 * Whether the advice after a vote rests on too few votes to trust: fewer than half of the students the
 * round knows about answered (1 of 3, 40 of 200). Null when the round knows of nobody (nothing to compare
 * with) or participation is fine.
 */
export function lowParticipation(
  answered: number,
  eligible: number | null,
): { answered: number; eligible: number } | null {
  if (eligible === null || eligible <= 0) return null;
  return answered * 2 < eligible ? { answered, eligible } : null;
}
