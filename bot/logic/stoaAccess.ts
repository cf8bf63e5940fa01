import { StoaClient } from '../../shared/client/client';
import { mintBotToken } from '../../shared/client/botToken';
import { createConversationMemory } from './conversationMemory';
import type { LogicDeps, Who } from './types';

/**
 * Teams gives the bot about 15 s to answer a turn; a service call that hangs must fail well before that
 * so the user still gets a polite reply.
 */
const SERVICE_TIMEOUT_MS = 8000;
/**
 * Act-as tokens live 5 minutes; one is reused for 4, so a student answering every question of a lecture is
 * signed for (and verified by the service) once per 4 minutes, while a reused token still has a minute left.
 */
const TOKEN_REUSE_MS = 240_000;
/** Bounded, so a class of thousands cannot grow the cache without limit. */
const TOKEN_CACHE_MAX = 5000;

/** Service access for the logic: every call carries an act-as token for the turn's user. */
export function createStoaAccess(opts: {
  serviceUrl: string;
  secret: string;
  /** Told about failures that must not break a turn (storing a conversation reference). */
  onBackgroundError?: (err: unknown, what: string) => void;
  /** The HTTP client for service calls (the global `fetch` unless given). */
  fetch?: typeof fetch;
}): LogicDeps {
  const baseUrl = opts.serviceUrl.replace(/\/+$/, '');
  const tokens = new Map<string, { token: Promise<string>; until: number }>();
  const tokenFor = (who: Who): Promise<string> => {
    const key = `${who.tenantId}\n${who.userId}\n${who.name}\n${who.conversationId ?? ''}`;
    const now = Date.now();
    const hit = tokens.get(key);
    if (hit && hit.until > now) return hit.token;
    const token = mintBotToken(opts.secret, who);
    tokens.delete(key);
    if (tokens.size >= TOKEN_CACHE_MAX) tokens.delete(tokens.keys().next().value!);
    tokens.set(key, { token, until: now + TOKEN_REUSE_MS });
    // A failed signing must not be served from the cache.
    token.catch(() => tokens.delete(key));
    return token;
  };
  const stoaFor = (who: Who) =>
    new StoaClient({
      baseUrl,
      timeoutMs: SERVICE_TIMEOUT_MS,
      getToken: () => tokenFor(who),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    });
  const report = opts.onBackgroundError ?? (() => undefined);
  return {
    stoaFor,
    rememberConversation: createConversationMemory(stoaFor, (err, classId) =>
      report(err, `storing the conversation reference of class ${classId}`),
    ),
    now: () => Date.now(),
  };
}
