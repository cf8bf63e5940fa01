import type { ClassId } from '../../../shared/contract/ids';
import { LIMITS } from '../../../shared/contract/limits';
import { ROUND_LIMITS } from '../../../shared/contract/rounds/limits';
import type { TabApi } from '../api/tabApi';

export interface Roster {
  roster: { userId: string; name: string }[];
  eligibleCount: number;
}

/**
 * The class's students, for a round started from the tab (the bot passes the Teams roster instead): they
 * make participation rates meaningful and let students who have not acted yet be paired for discussion.
 */
export async function loadRoster(api: TabApi, classId: ClassId): Promise<Roster> {
  const roster: Roster['roster'] = [];
  let cursor: string | undefined;
  do {
    const page = await api.call('listMembers', {
      params: { classId },
      query: { limit: LIMITS.pageSizeMax, ...(cursor ? { cursor } : {}) },
    });
    for (const m of page.items) if (m.role === 'student') roster.push({ userId: m.userId, name: m.name });
    cursor = page.nextCursor ?? undefined;
  } while (cursor && roster.length < ROUND_LIMITS.rosterMax);
  return { roster: roster.slice(0, ROUND_LIMITS.rosterMax), eligibleCount: roster.length };
}
