import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { ConversationRef } from '../../shared/contract/classes';
import type { TeamsStanding } from '../../shared/contract/teams';
import type { GraphClient } from './graph';

/** Where a standing is asked: the conversation of a turn, or the one the service names. */
export interface StandingQuery {
  tenantId: string;
  userId: string;
  ref: ConversationRef;
}

const USABLE_ID = /^[^\p{Surrogate}\p{Cc}]+$/u;
const USER_TYPES = new Set(['user', 'guest', 'anonymous']);
const MEETING_ROLES = new Set(['Organizer', 'Presenter', 'Attendee']);

function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; response?: { status?: unknown } } | null;
  const s = e?.statusCode ?? e?.response?.status;
  return typeof s === 'number' ? s : undefined;
}

/**
 * Reads what Teams says about a person in a conversation: membership and guest status from the
 * connector (`GET /v3/conversations/{team or chat}/members/{aadObjectId}`), the meeting role from the
 * meeting participant API, team ownership from Graph when configured. Answers are cached for a short
 * time (`TEAMS_ROLE_CACHE_MS`) and forgotten when Teams reports a change for the person.
 */
export class StandingReader {
  private readonly cache: LRUCache<string, TeamsStanding> | null;

  constructor(private readonly o: { graph: GraphClient | null; cacheMs: number; log: Logger }) {
    this.cache = o.cacheMs > 0 ? new LRUCache({ max: 20_000, ttl: o.cacheMs }) : null;
  }

  /** Forgets what was read about people of a conversation (a role changed, someone joined or left). */
  forget(conversationId: string, userIds: string[]): void {
    for (const id of userIds) this.cache?.delete(`${conversationId}\n${id}`);
  }

  async read(context: TurnContext, q: StandingQuery): Promise<TeamsStanding> {
    const key = `${q.ref.conversationId}\n${q.userId}`;
    const hit = this.cache?.get(key);
    if (hit) return hit;
    const standing = await this.readUncached(context, q);
    this.cache?.set(key, standing);
    return standing;
  }

  private async readUncached(context: TurnContext, q: StandingQuery): Promise<TeamsStanding> {
    const connector = context.turnState.get<ConnectorClient | undefined>(context.adapter.ConnectorClientKey);
    const serviceUrl = typeof context.activity.serviceUrl === 'string' ? context.activity.serviceUrl : '';
    const standing: TeamsStanding = {
      member: false,
      userType: 'user',
      ...(URL.canParse(serviceUrl) ? { serviceUrl } : {}),
    };
    // An id no connector URL can carry (a lone surrogate, a control character) is not a Teams id: nothing
    // is asked, and the service refuses the request that carries it.
    const ids = [q.ref.conversationId, q.ref.teamId, q.ref.meetingId, q.userId];
    if (!connector || ids.some((id) => id !== undefined && !USABLE_ID.test(id))) return standing;
    const where = q.ref.kind === 'channel' && q.ref.teamId ? q.ref.teamId : q.ref.conversationId;
    try {
      const account = (await connector.conversations.getConversationMember(where, q.userId)) as {
        userRole?: unknown;
      };
      standing.member = true;
      if (typeof account.userRole === 'string' && USER_TYPES.has(account.userRole))
        standing.userType = account.userRole as TeamsStanding['userType'];
    } catch (err) {
      // 404: not in this conversation. Anything else is Teams in trouble: the turn fails politely.
      if (statusOf(err) !== 404) throw err;
      return standing;
    }
    if (q.ref.kind === 'meeting' && q.ref.meetingId) {
      const p = await TeamsInfo.getMeetingParticipant(context, q.ref.meetingId, q.userId, q.tenantId);
      const role = p.meeting?.role;
      if (typeof role === 'string' && MEETING_ROLES.has(role))
        standing.meetingRole = role as TeamsStanding['meetingRole'];
      const userRole = (p.user as { userRole?: unknown } | undefined)?.userRole;
      if (userRole === 'anonymous' || userRole === 'guest') standing.userType = userRole;
    }
    if (q.ref.kind === 'channel' && q.ref.teamId && this.o.graph) {
      standing.teamOwner = await this.teamOwner(context, q);
    }
    return standing;
  }

  /** Graph wants the team's Microsoft 365 group id: from the activity when Teams sent it, else the connector. */
  private async teamOwner(context: TurnContext, q: StandingQuery): Promise<boolean> {
    const data = context.activity.channelData as
      { team?: { id?: unknown; aadGroupId?: unknown } } | undefined;
    let groupId = data?.team?.id === q.ref.teamId ? data?.team?.aadGroupId : undefined;
    if (typeof groupId !== 'string' || !groupId) {
      groupId = (await TeamsInfo.getTeamDetails(context, q.ref.teamId)).aadGroupId;
    }
    if (typeof groupId !== 'string' || !groupId) return false;
    try {
      return await this.o.graph!.isTeamOwner(q.tenantId, groupId, q.userId);
    } catch (err) {
      // Without Graph's answer the person is what the connector says: a member, not an owner.
      this.o.log.warn({ err, teamId: q.ref.teamId }, 'graph: team owners could not be read');
      return false;
    }
  }
}
