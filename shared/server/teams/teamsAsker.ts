import type { Logger } from 'pino';
import type { ConversationRef } from '../../contract/classes';
import {
  BOT_STANDING_PATH,
  TeamsStandingSchema,
  type StandingRequest,
  type TeamsStanding,
} from '../../contract/teams';
import type { Principal } from '../auth/principal';
import { ServiceError } from '../errors';
import type { Storage } from '../storage/stores';
import { serviceTokenSource } from './serviceToken';

/** Answers are kept briefly: a tab opening several views asks once, and a role change shows within this. */
const CACHE_MS = 30_000;
const CACHE_MAX = 10_000;
const TIMEOUT_MS = 5000;

/** Asks the bot what Teams says about a person in a conversation; null when the bot cannot be asked. */
export type TeamsAsker = (principal: Principal, ref: ConversationRef) => Promise<TeamsStanding | null>;

/** The scope an install is recorded under: the team for a channel, else the conversation itself. */
export function installScope(ref: ConversationRef): string {
  return ref.kind === 'channel' && ref.teamId ? ref.teamId : ref.conversationId;
}

/**
 * Where the bot reaches Teams for a conversation: the reference it stored for the conversation's class,
 * else the connector recorded at install for the team or chat. The bot is stateless, so the service keeps it.
 */
async function serviceUrlOf(
  storage: Storage,
  tenantId: string,
  ref: ConversationRef,
): Promise<string | null> {
  const cls = await storage.classes.findByConversation(tenantId, ref.conversationId);
  if (cls) {
    const row = await storage.database.db
      .selectFrom('conversation_refs')
      .select('reference')
      .where('class_id', '=', cls.id)
      .executeTakeFirst();
    const url = row ? (JSON.parse(row.reference) as { serviceUrl?: unknown }).serviceUrl : undefined;
    if (typeof url === 'string' && url) return url;
  }
  const install = await storage.teamsInstalls.find(tenantId, installScope(ref));
  return install?.service_url ?? null;
}

/**
 * The service's side of "membership from Teams" for people's own tokens (the tab with SSO): the service
 * stays the authority, but only the bot can ask Teams, so it asks the bot (`BOT_STANDING_PATH`, service
 * token) and decides on the answer. Without a bot (no `BOT_NOTIFY_URL`) it never asks: null.
 */
export function createTeamsAsker(opts: {
  botNotifyUrl: string | undefined;
  secret: string;
  storage: Storage;
  log: Logger;
}): TeamsAsker {
  if (!opts.botNotifyUrl) return async () => null;
  const url = new URL(BOT_STANDING_PATH, opts.botNotifyUrl).toString();
  const token = serviceTokenSource(opts.secret);
  const cache = new Map<string, { standing: TeamsStanding; until: number }>();
  return async (principal, ref) => {
    const key = `${principal.tenantId}\n${principal.userId}\n${ref.conversationId}`;
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.standing;
    const serviceUrl = await serviceUrlOf(opts.storage, principal.tenantId, ref);
    if (!serviceUrl) return null;
    const body: StandingRequest = {
      tenantId: principal.tenantId,
      userId: principal.userId,
      kind: ref.kind,
      conversationId: ref.conversationId,
      ...(ref.teamId ? { teamId: ref.teamId } : {}),
      ...(ref.meetingId ? { meetingId: ref.meetingId } : {}),
      serviceUrl,
    };
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      opts.log.warn({ err, conversationId: ref.conversationId }, 'teams: the bot could not be asked');
      throw new ServiceError('service_unavailable', 'Teams could not be asked right now; try again shortly.');
    }
    const parsed = TeamsStandingSchema.safeParse(await res.json().catch(() => null));
    if (!res.ok || !parsed.success) {
      opts.log.warn({ status: res.status, conversationId: ref.conversationId }, 'teams: bad standing answer');
      throw new ServiceError('service_unavailable', 'Teams could not be asked right now; try again shortly.');
    }
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, { standing: parsed.data, until: Date.now() + CACHE_MS });
    return parsed.data;
  };
}
