import { SignJWT } from 'jose';
import { SERVICE_TOKEN_AUDIENCE, SERVICE_TOKEN_ISSUER } from '../../contract/botNotify';

const TOKEN_TTL_S = 120;

/**
 * The bearer token the service shows the bot (HS256 with the shared secret), renewed at half its life so a
 * token is never sent seconds before it ends.
 */
export function serviceTokenSource(secret: string): () => Promise<string> {
  let cached: { value: string; until: number } | null = null;
  const key = new TextEncoder().encode(secret);
  return async () => {
    const now = Date.now();
    if (cached && cached.until > now) return cached.value;
    const iat = Math.floor(now / 1000);
    const value = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(SERVICE_TOKEN_ISSUER)
      .setAudience(SERVICE_TOKEN_AUDIENCE)
      .setSubject('stoa-service')
      .setIssuedAt(iat)
      .setExpirationTime(iat + TOKEN_TTL_S)
      .sign(key);
    cached = { value, until: now + (TOKEN_TTL_S / 2) * 1000 };
    return value;
  };
}
