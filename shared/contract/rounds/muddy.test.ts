import { describe, expect, it } from 'vitest';
import { clusterMuddyPoints } from './muddy';

const T = 1_750_000_000_000;
const item = (id: string, text: string, at: number, headingId: string | null = null) => ({
  id,
  text,
  headingId,
  createdAt: T + at,
});

describe('clusterMuddyPoints', () => {
  it('groups similar points and ranks the largest group first', () => {
    const clusters = clusterMuddyPoints([
      item('m1', 'Virtual memory', 1),
      item('m2', 'the difference between a process and a thread', 2),
      item('m3', 'how threads differ from processes', 3),
      item('m4', 'process vs thread??', 4),
      item('m5', 'virtual memory and page tables', 5),
      item('m6', 'Semaphores', 6),
    ]);
    expect(clusters.map((c) => c.ids)).toEqual([['m2', 'm3', 'm4'], ['m1', 'm5'], ['m6']]);
    expect(clusters[0]).toMatchObject({
      representative: 'the difference between a process and a thread',
      count: 3,
    });
  });

  it('keeps points on the same notes heading together, and apart from other headings', () => {
    const clusters = clusterMuddyPoints([
      item('m1', 'base case', 1, 'h-recursion'),
      item('m2', 'stack overflow', 2, 'h-recursion'),
      item('m3', 'base case', 3, 'h-induction'),
      item('m4', 'the base case', 4),
    ]);
    expect(clusters[0]).toMatchObject({ headingId: 'h-recursion', ids: ['m1', 'm2', 'm4'], count: 3 });
    expect(clusters[1]).toMatchObject({ headingId: 'h-induction', ids: ['m3'] });
  });

  it('orders by time regardless of input order and returns nothing for no points', () => {
    const clusters = clusterMuddyPoints([item('b', 'Deadlocks', 2), item('a', 'Scheduling', 1)]);
    expect(clusters.map((c) => c.ids[0])).toEqual(['a', 'b']);
    expect(clusterMuddyPoints([])).toEqual([]);
  });
});
