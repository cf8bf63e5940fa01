import { createRng, shuffled } from './prng';

/** A question to hand to peer answerers, in rank order. */
export interface AssignableQuestion {
  id: string;
  authorId: string;
  /** Answerers it already has (a facilitator's manual assignment, an earlier pass). */
  assignedTo?: readonly string[];
}

export interface AssignmentInput {
  questions: readonly AssignableQuestion[];
  /** Students who may answer. */
  answerers: readonly string[];
  /** Answerers wanted per question, counting those it already has. */
  perQuestion: number;
  seed: number;
  /** Questions each answerer already holds, so a second pass keeps spreading the load. */
  load?: Readonly<Record<string, number>>;
}

export interface Assignment {
  questionId: string;
  /** Newly assigned answerers. */
  userIds: string[];
}

/**
 * Hands questions (best first) to peer answerers: never the asker, never twice the same person on one
 * question, and always to whoever holds the fewest questions so far, so the load differs by at most one
 * wherever the askers' exclusions allow. Ties are broken by a seeded shuffle of the answerers, which makes
 * the result deterministic for a seed without always favouring the first names on the roster.
 */
export function assignAnswerers(input: AssignmentInput): Assignment[] {
  const order = shuffled([...new Set(input.answerers)], createRng(input.seed));
  const rank = new Map(order.map((u, i) => [u, i]));
  const load = new Map(
    order.map((u) => [u, Object.hasOwn(input.load ?? {}, u) ? (input.load?.[u] ?? 0) : 0]),
  );
  const out: Assignment[] = [];
  for (const q of input.questions) {
    const have = new Set(q.assignedTo ?? []);
    const wanted = input.perQuestion - have.size;
    if (wanted <= 0) continue;
    const picked = order
      .filter((u) => u !== q.authorId && !have.has(u))
      .sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || (rank.get(a) ?? 0) - (rank.get(b) ?? 0))
      .slice(0, wanted);
    for (const u of picked) load.set(u, (load.get(u) ?? 0) + 1);
    if (picked.length > 0) out.push({ questionId: q.id, userIds: picked });
  }
  return out;
}
