import type { ConnectorClient } from 'botframework-connector';
import type { ChannelAccount, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { ConversationPort, TeamsMember } from '../logic/types';

/** Teams pages member lists between 50 and 500 per call. */
const PAGE_MIN = 50;
const PAGE_MAX = 500;

function toMember(a: ChannelAccount): TeamsMember | null {
  const userId = (a as ChannelAccount & { aadObjectId?: string }).aadObjectId;
  if (!a.id || !userId) return null;
  return { mri: a.id, userId, name: a.name ?? '' };
}

/**
 * Member lookups for the logic, through the turn's connector. A team channel lists the team; anything else
 * its conversation. A failed lookup is logged and treated as "a large conversation we could not list",
 * which only costs automatic refresh, never the turn.
 */
export function conversationPort(context: TurnContext, log: Logger): ConversationPort {
  const connector = context.turnState.get<ConnectorClient | undefined>(context.adapter.ConnectorClientKey);
  const data = context.activity.channelData as { team?: { id?: unknown } } | undefined;
  const teamId = typeof data?.team?.id === 'string' ? data.team.id : undefined;
  const conversationId = teamId ?? String(context.activity.conversation?.id ?? '').split(';messageid=')[0]!;
  return {
    async members(max) {
      if (!connector) return { members: [], more: true };
      const out: TeamsMember[] = [];
      let token: string | undefined;
      try {
        do {
          const pageSize = Math.min(PAGE_MAX, Math.max(PAGE_MIN, max - out.length));
          // The typings demand a token even for the first page; the connector omits an undefined one.
          const page = await connector.conversations.getConversationPagedMembers(conversationId, {
            pageSize,
            continuationToken: token as string,
          });
          for (const a of page.members ?? []) {
            const m = toMember(a);
            if (m) out.push(m);
          }
          token = page.continuationToken || undefined;
        } while (token && out.length < max);
      } catch (err) {
        log.warn({ err, conversationId }, 'could not list the conversation members');
        return { members: out, more: true };
      }
      return { members: out.slice(0, max), more: !!token || out.length > max };
    },
    async member(userId) {
      if (!connector) return null;
      try {
        const account = await connector.conversations.getConversationMember(conversationId, userId);
        return toMember(account);
      } catch {
        // Not in this conversation (left, or a guest Teams cannot resolve): no automatic refresh for them.
        return null;
      }
    },
  };
}
