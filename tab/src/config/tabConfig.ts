import type { ConversationRef } from '../../../shared/contract/classes';
import { LIMITS } from '../../../shared/contract/limits';
import { TAB_ROUTES } from '../../../shared/contract/tabRoutes';
import { pathWith } from '../router/router';
import type { TabInstanceConfig, TeamsInfo } from '../teams/teamsHost';

/** What a configured tab shows. */
export const TAB_VIEWS = ['class', 'dashboard'] as const;
export type TabView = (typeof TAB_VIEWS)[number];

/** Where a tab may be configured, for the wording of the page. */
export type ConversationPlace = 'channel' | 'groupChat' | 'meeting';

const fits = (id: string | undefined): id is string => Boolean(id) && id!.length <= LIMITS.idMax;

/**
 * The Teams conversation the tab is being added to, as the service and the bot name it: a channel by its
 * channel (thread) id, a meeting and a group chat by their chat id. Null outside a conversation.
 */
export function conversationOf(info: TeamsInfo | null): ConversationRef | null {
  if (!info) return null;
  if (fits(info.meetingId)) {
    const conversationId = fits(info.chatId) ? info.chatId : info.meetingId;
    return { kind: 'meeting', conversationId, meetingId: info.meetingId };
  }
  if (fits(info.channelId)) {
    const ref: ConversationRef = {
      kind: 'channel',
      conversationId: info.channelId,
      channelId: info.channelId,
    };
    if (fits(info.teamId)) ref.teamId = info.teamId;
    return ref;
  }
  if (fits(info.chatId)) return { kind: 'groupChat', conversationId: info.chatId };
  return null;
}

/** The page a configured tab opens: the class, or its dashboard. */
export function tabPath(classId: string, view: TabView): string {
  return pathWith(TAB_ROUTES.channel, { classId, view: view === 'dashboard' ? 'dashboard' : undefined });
}

/**
 * What the configuration page saves. The entity id is stable for a class and view, so re-saving the same
 * choice updates the tab in place; both URLs are absolute, on the origin the tab is served from.
 */
export function buildTabConfig(
  origin: string,
  cls: { id: string; name: string },
  view: TabView,
  dashboardLabel: string,
): TabInstanceConfig {
  const url = `${origin}${tabPath(cls.id, view)}`;
  return {
    entityId: `stoa-${view}-${cls.id}`,
    contentUrl: url,
    websiteUrl: url,
    suggestedDisplayName: view === 'dashboard' ? `${cls.name} · ${dashboardLabel}` : cls.name,
  };
}
