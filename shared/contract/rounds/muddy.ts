import { fingerprint, similarity, type Fingerprint } from './dedupe';

/** A muddiest point as the clustering sees it. */
export interface MuddyItem {
  id: string;
  text: string;
  headingId?: string | null;
  createdAt: number;
}

export interface MuddyCluster {
  /** The earliest point of the cluster, shown as its label. */
  representative: string;
  /** The heading of the notes the cluster points at, if any of its points named one. */
  headingId: string | null;
  ids: string[];
  count: number;
}

/** Points this similar to a cluster's label join it; muddy points are terse, so lower than for questions. */
export const MUDDY_CLUSTER_THRESHOLD = 0.45;

/**
 * Groups muddiest points for the facilitator, most frequent first. Points naming the same notes heading
 * belong together (the student said where the confusion is); other points join the cluster whose label
 * they resemble most, or start one. Ties in size go to the cluster that started first.
 */
export function clusterMuddyPoints(
  items: readonly MuddyItem[],
  threshold = MUDDY_CLUSTER_THRESHOLD,
): MuddyCluster[] {
  const clusters: (MuddyCluster & { fp: Fingerprint; first: number })[] = [];
  const sorted = items.slice().sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  for (const item of sorted) {
    const fp = fingerprint(item.text);
    let target = item.headingId ? clusters.find((c) => c.headingId === item.headingId) : undefined;
    if (!target) {
      let best = -1;
      for (const c of clusters) {
        if (item.headingId && c.headingId && c.headingId !== item.headingId) continue;
        const score = similarity(fp, c.fp);
        if (score >= threshold && score > best) {
          best = score;
          target = c;
        }
      }
    }
    if (target) {
      target.ids.push(item.id);
      target.count += 1;
      target.headingId ??= item.headingId ?? null;
    } else {
      clusters.push({
        representative: item.text,
        headingId: item.headingId ?? null,
        ids: [item.id],
        count: 1,
        fp,
        first: clusters.length,
      });
    }
  }
  return clusters
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .map(({ representative, headingId, ids, count }) => ({ representative, headingId, ids, count }));
}
