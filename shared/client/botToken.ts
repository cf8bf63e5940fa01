import { SignJWT } from 'jose';
import { BOT_TOKEN_AUDIENCE, BOT_TOKEN_ISSUER } from '../contract/auth';

export interface ActAs {
  tenantId: string;
  userId: string;
  name: string;
  /** The Teams conversation of the turn, where the bot saw this person. */
  conversationId?: string;
}

/**
 * Signs a short-lived token with which the bot acts for one Teams user. Only the holder of the shared
 * bot secret can make one; the service refuses `act` claims in any other token.
 */
export async function mintBotToken(secret: string, who: ActAs, ttlSeconds = 300): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const act = {
    tid: who.tenantId,
    oid: who.userId,
    name: who.name,
    ...(who.conversationId ? { conv: who.conversationId } : {}),
  };
  return new SignJWT({ act })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(BOT_TOKEN_ISSUER)
    .setAudience(BOT_TOKEN_AUDIENCE)
    .setSubject('stoa-bot')
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
