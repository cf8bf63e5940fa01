import type { Class } from '../../../shared/contract/classes';
import type { TabApi } from '../api/tabApi';
import { conversationOf } from '../config/tabConfig';
import type { TeamsInfo } from '../teams/teamsHost';

/** Classes looked through for the one bound to this meeting or chat. */
const CLASS_PAGES_MAX = 5;

/** Where a meeting surface opened without a session finds its lecture. */
export interface LiveSessionTarget {
  cls: Class | null;
  sessionId: string | null;
}

/**
 * The class of a meeting surface (the configured `classId`, else the class bound to the Teams meeting or
 * chat it runs in) and that class's live session, if one is running.
 */
export async function findLiveSession(
  api: TabApi,
  classId: string | null,
  teams: TeamsInfo | null,
): Promise<LiveSessionTarget> {
  const conversationId = conversationOf(teams)?.conversationId ?? null;
  let cls: Class | null = null;
  let cursor: string | undefined;
  for (let page = 0; page < CLASS_PAGES_MAX && !cls; page++) {
    const { items, nextCursor } = await api.call('listClasses', { query: cursor ? { cursor } : {} });
    cls =
      items.find((c) =>
        classId
          ? c.id === classId
          : conversationId !== null && c.conversation?.conversationId === conversationId,
      ) ?? null;
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  if (!cls) return { cls: null, sessionId: null };
  const { items } = await api.call('listSessions', { params: { classId: cls.id }, query: { limit: 20 } });
  return { cls, sessionId: items.find((s) => s.status === 'live')?.id ?? null };
}
