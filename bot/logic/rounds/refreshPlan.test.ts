import { describe, expect, it } from 'vitest';
import type { ConversationPort, TeamsMember } from '../types';
import { AUTO_REFRESH_MAX, planRefresh, refreshFor } from './refreshPlan';

const people = (n: number): TeamsMember[] =>
  Array.from({ length: n }, (_, i) => ({ mri: `29:m${i}`, userId: `u${i}`, name: `P${i}` }));

function port(all: TeamsMember[], extra: TeamsMember[] = []): ConversationPort & { lookups: string[] } {
  const lookups: string[] = [];
  return {
    lookups,
    async members(max) {
      return { members: all.slice(0, max), more: all.length > max };
    },
    async member(userId) {
      lookups.push(userId);
      return [...all, ...extra].find((m) => m.userId === userId) ?? null;
    },
  };
}

describe('refresh plan', () => {
  it('lists everyone in a conversation of up to 60, without a "Show my view" button', () => {
    const plan = planRefresh({ members: people(60), more: false, first: ['29:m5'] });
    expect(plan.showMyView).toBe(false);
    expect(plan.userIds).toHaveLength(60);
    expect(plan.userIds[0]).toBe('29:m5');
  });

  it('lists the facilitator, then people with private news, capped at 60, and adds the button', () => {
    const members = people(200);
    const priority = members.slice(100, 180).map((m) => m.userId);
    const plan = planRefresh({ members, more: false, first: ['29:teacher'], priority });
    expect(plan.showMyView).toBe(true);
    expect(plan.userIds).toHaveLength(AUTO_REFRESH_MAX);
    expect(plan.userIds[0]).toBe('29:teacher');
    expect(plan.userIds[1]).toBe('29:m100');
    expect(plan.userIds).not.toContain('29:m0');
  });

  it('looks up the first users and the priority people the listing did not reach', async () => {
    const all = people(100);
    const p = port(all);
    const plan = await refreshFor(p, { firstUserIds: ['u99'], priority: ['u98', 'u1', 'ghost'] });
    expect(plan.userIds.slice(0, 3)).toEqual(['29:m99', '29:m1', '29:m98']);
    expect(plan.showMyView).toBe(true);
    expect(p.lookups.sort()).toEqual(['ghost', 'u98', 'u99']);
  });

  it('asks Teams once for a small conversation', async () => {
    const p = port(people(10));
    const plan = await refreshFor(p, { firstMris: ['29:m3'], firstUserIds: ['u4'] });
    expect(plan).toMatchObject({ showMyView: false });
    expect(plan.userIds).toHaveLength(10);
    expect(p.lookups).toEqual([]);
  });
});
