import {
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { BOT_TOKEN_AUDIENCE, BOT_TOKEN_ISSUER, SSO_SCOPE } from '../../contract/auth';
import { AuthenticationError, ServiceError } from '../errors';
import type { Principal } from './principal';
import { issuerFor } from './tokens';

export interface VerifierOptions {
  /** Where user tokens' keys come from: Entra's JWKS, or the local dev key set. */
  userKeys: JWTVerifyGetKey;
  /** Accepted audiences: the app's client id (v2) and its `api://` URI (v1). */
  audiences: string[];
  /** Empty: any tenant. */
  allowedTenants: string[];
  /** HMAC secret the bot signs its act-as tokens with. */
  botSecret: string;
  /**
   * Whether the person's tokens issued at `issuedAtS` were revoked (an erasure ended their sessions).
   * Asked on every request, cached or not, so a revocation takes effect at once.
   */
  isRevoked?: (tenantId: string, userId: string, issuedAtS: number | undefined) => boolean;
}

const CLOCK_TOLERANCE_S = 60;
/** Verified tokens kept so a busy client does not pay a signature check on every request. */
const CACHE_MAX = 10_000;
const CACHE_TTL_MS = 5 * 60_000;

function str(payload: JWTPayload, claim: string): string | undefined {
  const v = payload[claim];
  return typeof v === 'string' && v.length > 0 && v.length <= 256 ? v : undefined;
}

/**
 * Whether a key lookup failed on our side (key set unreachable, slow or broken) rather than because of the
 * token (a kid the set does not have, an algorithm it does not allow).
 */
function keySetUnavailable(err: unknown): boolean {
  if (!(err instanceof joseErrors.JOSEError)) return true;
  return (
    err instanceof joseErrors.JWKSTimeout ||
    err instanceof joseErrors.JWKSInvalid ||
    err.code === joseErrors.JOSEError.code
  );
}

/** Verifies bearer tokens: Teams SSO (Entra v1/v2) or dev tokens for people, HS256 act-as tokens for the bot. */
export class TokenVerifier {
  private readonly botKey: Uint8Array;
  private readonly cache = new Map<
    string,
    { principal: Principal; until: number; iat: number | undefined }
  >();

  constructor(private readonly opts: VerifierOptions) {
    this.botKey = new TextEncoder().encode(opts.botSecret);
  }

  /** The user key lookup; when Entra's key set cannot be fetched the answer is 503, not a 401 for a good token. */
  private readonly userKeys: JWTVerifyGetKey = async (header, token) => {
    try {
      return await this.opts.userKeys(header, token);
    } catch (err) {
      if (!keySetUnavailable(err)) throw err;
      throw new ServiceError(
        'service_unavailable',
        'Sign-in keys cannot be fetched right now; try again shortly.',
      );
    }
  };

  async verify(token: string): Promise<Principal> {
    const now = Date.now();
    const hit = this.cache.get(token);
    if (hit && hit.until > now) return this.unlessRevoked(hit.principal, hit.iat);
    if (hit) this.cache.delete(token);
    const principal = await this.verifyUncached(token);
    // Only successes are cached, and never past the token's own expiry.
    const { exp, iat } = decodeJwt(token);
    const until = Math.min(now + CACHE_TTL_MS, typeof exp === 'number' ? exp * 1000 : now);
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    const issuedAt = typeof iat === 'number' ? iat : undefined;
    this.cache.set(token, { principal, until, iat: issuedAt });
    return this.unlessRevoked(principal, issuedAt);
  }

  private unlessRevoked(principal: Principal, iat: number | undefined): Principal {
    if (this.opts.isRevoked?.(principal.tenantId, principal.userId, iat)) {
      throw new AuthenticationError('invalid_token', 'This sign-in has ended; sign in again.');
    }
    return principal;
  }

  private async verifyUncached(token: string): Promise<Principal> {
    let issuer: string | undefined;
    try {
      decodeProtectedHeader(token);
      issuer = decodeJwt(token).iss;
    } catch {
      throw new AuthenticationError('invalid_token', 'The access token is malformed.');
    }
    try {
      return issuer === BOT_TOKEN_ISSUER ? await this.verifyBot(token) : await this.verifyUser(token);
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      if (err instanceof joseErrors.JWTExpired)
        throw new AuthenticationError('invalid_token', 'The access token has expired.');
      if (err instanceof joseErrors.JOSEError)
        throw new AuthenticationError('invalid_token', 'The access token is not valid.');
      throw err;
    }
  }

  private async verifyUser(token: string): Promise<Principal> {
    // Only RS256: an HS256 token "signed" with the public key (algorithm confusion) never gets this far.
    const { payload } = await jwtVerify(token, this.userKeys, {
      algorithms: ['RS256'],
      audience: this.opts.audiences,
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['exp', 'iss', 'aud'],
    });
    const tenantId = str(payload, 'tid');
    const userId = str(payload, 'oid');
    if (!tenantId || !userId)
      throw new AuthenticationError('invalid_token', 'The token names no tenant or user.');
    const version = payload.ver === '1.0' ? '1.0' : '2.0';
    if (payload.iss !== issuerFor(tenantId, version)) {
      throw new AuthenticationError('invalid_token', 'The token was issued by an unexpected issuer.');
    }
    if (this.opts.allowedTenants.length > 0 && !this.opts.allowedTenants.includes(tenantId)) {
      throw new AuthenticationError('invalid_token', 'This tenant may not use this deployment.');
    }
    const scopes = (str(payload, 'scp') ?? '').split(' ');
    if (!scopes.includes(SSO_SCOPE))
      throw new AuthenticationError('invalid_token', `The token lacks the ${SSO_SCOPE} scope.`);
    if ('act' in payload)
      throw new AuthenticationError('invalid_token', 'A user token cannot act for someone else.');
    const roles = Array.isArray(payload.roles)
      ? payload.roles.filter((r): r is string => typeof r === 'string')
      : [];
    return { tenantId, userId, name: str(payload, 'name') ?? 'Unknown', via: 'user', roles };
  }

  private async verifyBot(token: string): Promise<Principal> {
    const { payload } = await jwtVerify(token, this.botKey, {
      algorithms: ['HS256'],
      issuer: BOT_TOKEN_ISSUER,
      audience: BOT_TOKEN_AUDIENCE,
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['exp'],
    });
    const act = payload.act as Record<string, unknown> | undefined;
    const tenantId = typeof act?.tid === 'string' ? act.tid : undefined;
    const userId = typeof act?.oid === 'string' ? act.oid : undefined;
    const name = typeof act?.name === 'string' ? act.name : 'Unknown';
    if (!tenantId || !userId)
      throw new AuthenticationError('invalid_token', 'A bot token must name the user it acts for.');
    if (this.opts.allowedTenants.length > 0 && !this.opts.allowedTenants.includes(tenantId)) {
      throw new AuthenticationError('invalid_token', 'This tenant may not use this deployment.');
    }
    const conv = typeof act?.conv === 'string' && act.conv.length <= 512 ? act.conv : undefined;
    return {
      tenantId,
      userId,
      name: name.slice(0, 120),
      via: 'bot',
      roles: [],
      ...(conv ? { conversationId: conv } : {}),
    };
  }
}
