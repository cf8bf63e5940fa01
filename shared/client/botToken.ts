import { createHmac } from 'node:crypto';
import { BOT_TOKEN_AUDIENCE, BOT_TOKEN_ISSUER } from '../contract/auth';

export interface ActAs {
  tenantId: string;
  userId: string;
  name: string;
  /** The Teams conversation of the turn, where the bot saw this person. */
  conversationId?: string;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/**
 * Signs a short-lived token with which the bot acts for one Teams user. Only the holder of the shared
 * bot secret can make one; the service refuses `act` claims in any other token. Signed with Node's HMAC
 * rather than Web Crypto (jose): a class answering its first question makes the bot sign a token per
 * student within seconds, and Web Crypto cost about ten times as much CPU per signature. Node only: the
 * tab never imports this file.
 */
export async function mintBotToken(secret: string, who: ActAs, ttlSeconds = 300): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const act = {
    tid: who.tenantId,
    oid: who.userId,
    name: who.name,
    ...(who.conversationId ? { conv: who.conversationId } : {}),
  };
  const claims = {
    act,
    iss: BOT_TOKEN_ISSUER,
    aud: BOT_TOKEN_AUDIENCE,
    sub: 'stoa-bot',
    iat: now,
    exp: now + ttlSeconds,
  };
  const input = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
