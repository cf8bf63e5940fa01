import { createRng, shuffled } from './prng';
import type { DiscussionGroup } from './state';

/** A first-vote answer as the grouping sees it. */
export interface GroupingAnswer {
  userId: string;
  option: number;
}

export interface GroupingInput {
  answers: readonly GroupingAnswer[];
  /** The correct option, or null for an opinion question. */
  correctOption: number | null;
  /** Students present who did not answer (joined late, or sat the vote out). */
  others?: readonly string[];
  seed: number;
}

/** Groups a student who did not answer may be added to before the group grows past this size. */
const MAX_WITH_LISTENER = 4;

type Bucket = { option: number; users: string[] };

function largest(buckets: Bucket[], exclude?: Bucket): Bucket | undefined {
  let best: Bucket | undefined;
  for (const b of buckets) {
    if (b === exclude || b.users.length === 0) continue;
    if (!best || b.users.length > best.users.length) best = b;
  }
  return best;
}

/** Pairs from the two largest buckets, which keeps the answers in a pair different for as long as possible. */
function pairDiverse(buckets: Bucket[]): { pairs: string[][]; leftover: string | null } {
  const pairs: string[][] = [];
  for (;;) {
    const a = largest(buckets);
    if (!a) return { pairs, leftover: null };
    const b = largest(buckets, a) ?? (a.users.length >= 2 ? a : undefined);
    const first = a.users.pop() as string;
    if (!b) return { pairs, leftover: first };
    pairs.push([first, b.users.pop() as string]);
  }
}

function pairUp(users: string[]): string[][] {
  const groups: string[][] = [];
  for (let i = 0; i + 1 < users.length; i += 2) groups.push([users[i] as string, users[i + 1] as string]);
  if (users.length % 2 === 1) {
    const last = users[users.length - 1] as string;
    if (groups.length > 0) (groups[groups.length - 1] as string[]).push(last);
    else groups.push([last]);
  }
  return groups;
}

/**
 * Discussion groups for Peer Instruction. Answering students are paired (one triple when their number is
 * odd) so that answers in a group differ, and, when the question has a correct option, each correct student
 * is first paired with a wrong one taken from the largest wrong answer (the Learning Catalytics rule: one
 * correct answer per group wherever the class has enough of them, and the leftover wrong answers stay as
 * varied as possible). Students who did not answer are spread one per group (smallest first, so groups grow
 * to at most 4) and any surplus is paired among themselves; they listen in rather than sit alone. Nobody is
 * alone unless only one student is present. The order is shuffled with `seed`, so the result is
 * deterministic for a given seed but does not follow the roster's order.
 */
export function formGroups(input: GroupingInput): DiscussionGroup[] {
  const rng = createRng(input.seed);
  const seen = new Set<string>();
  const answers = input.answers.filter((a) => !seen.has(a.userId) && seen.add(a.userId));
  const byOption = new Map<number, string[]>();
  for (const a of shuffled(answers, rng)) {
    const list = byOption.get(a.option) ?? [];
    list.push(a.userId);
    byOption.set(a.option, list);
  }
  const optionOf = new Map(answers.map((a) => [a.userId, a.option]));
  const buckets: Bucket[] = [...byOption.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([option, users]) => ({ option, users }));

  const groups: string[][] = [];
  let rest = buckets;
  const correct = buckets.find((b) => b.option === input.correctOption);
  if (correct) {
    const wrong = buckets.filter((b) => b !== correct);
    for (;;) {
      const w = largest(wrong);
      if (!w || correct.users.length === 0) break;
      groups.push([correct.users.pop() as string, w.users.pop() as string]);
    }
    rest = correct.users.length > 0 ? [correct] : wrong;
  }
  const { pairs, leftover } = pairDiverse(rest);
  groups.push(...pairs);
  const ordered = shuffled(groups, rng);
  if (leftover !== null) placeLeftover(ordered, leftover, optionOf, input.correctOption);

  const others = shuffled(
    (input.others ?? []).filter((u) => !seen.has(u) && seen.add(u)),
    rng,
  );
  // A single answering student gets a listener as partner first, so they are not left alone.
  const only = ordered.length === 1 ? ordered[0] : undefined;
  if (only && only.length === 1 && others.length > 0) only.push(others.shift() as string);
  // Attach one listener per group, but leave at least two for a pair of their own rather than one alone.
  let attach = Math.min(others.length, ordered.length);
  if (others.length - attach === 1 && attach > 0) attach -= 1;
  const bySize = ordered.map((g, i) => ({ g, i })).sort((x, y) => x.g.length - y.g.length || x.i - y.i);
  for (let k = 0; k < attach; k++) {
    const target = bySize[k]?.g;
    if (target && target.length < MAX_WITH_LISTENER) target.push(others[k] as string);
    else {
      attach = k;
      break;
    }
  }
  ordered.push(...pairUp(others.slice(attach)));
  if (ordered.length >= 2 && ordered[ordered.length - 1]?.length === 1) {
    // Only possible when one listener is left and every group was full: join the smallest group.
    const lone = ordered.pop() as string[];
    attachToSmallest(ordered, lone[0] as string);
  }
  return ordered.map((members) => ({ members }));
}

function placeLeftover(
  groups: string[][],
  userId: string,
  optionOf: Map<string, number>,
  correctOption: number | null,
): void {
  if (groups.length === 0) {
    groups.push([userId]);
    return;
  }
  const mine = optionOf.get(userId);
  let best = 0;
  let bestScore = -1;
  groups.forEach((g, i) => {
    const opts = g.map((u) => optionOf.get(u));
    const allSame = opts.every((o) => o === opts[0]);
    let score = 0;
    if (allSame && opts[0] !== mine) score += 2;
    if (correctOption !== null && mine === correctOption && !opts.includes(correctOption)) score += 1;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  (groups[best] as string[]).push(userId);
}

function attachToSmallest(groups: string[][], userId: string): number {
  let best = 0;
  groups.forEach((g, i) => {
    if (g.length < (groups[best] as string[]).length) best = i;
  });
  (groups[best] as string[]).push(userId);
  return best;
}

/**
 * Where a student who turns up during discussion joins: the smallest group (lowest index on ties), so
 * groups stay balanced. Returns the new groups and the index joined; a student already grouped stays put.
 */
export function addLateJoiner(
  groups: readonly DiscussionGroup[],
  userId: string,
): { groups: DiscussionGroup[]; index: number } {
  const existing = groups.findIndex((g) => g.members.includes(userId));
  if (existing >= 0) return { groups: groups.slice(), index: existing };
  const lists = groups.map((g) => g.members.slice());
  if (lists.length === 0) return { groups: [{ members: [userId] }], index: 0 };
  const index = attachToSmallest(lists, userId);
  return { groups: lists.map((members) => ({ members })), index };
}
