import { createHmac, timingSafeEqual } from 'node:crypto';
import { errors as joseErrors, type JWTPayload } from 'jose';

export interface Hs256Checks {
  issuer: string;
  audience: string;
  /** Seconds of clock skew allowed on `exp` and `nbf`. */
  clockTolerance: number;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function numericDate(payload: JWTPayload, claim: 'exp' | 'nbf' | 'iat'): number | undefined {
  const v = payload[claim];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new joseErrors.JWTClaimValidationFailed(`"${claim}" claim must be a number`, payload, claim);
  return v;
}

/**
 * Verifies a compact HS256 JWT with Node's HMAC and checks its claims as jose's `jwtVerify` does with
 * `algorithms: ['HS256']`, `issuer`, `audience`, `requiredClaims: ['exp']` and `clockTolerance`, throwing
 * jose's own error classes. The bot's act-as tokens are verified here rather than through jose, whose
 * Web Crypto HMAC costs about ten times the CPU: a class's first answers bring a new token per student.
 */
export function verifyHs256(token: string, key: Uint8Array, checks: Hs256Checks): JWTPayload {
  const parts = token.split('.');
  if (parts.length !== 3) throw new joseErrors.JWSInvalid('Invalid Compact JWS');
  const [h, p, s] = parts as [string, string, string];
  const header = decodeJson(h);
  if (!isObject(header)) throw new joseErrors.JWSInvalid('JWS Protected Header is invalid');
  // Only HS256 and no extensions: `crit` would name rules this check does not know, `b64: false` an
  // unencoded payload; jose refuses both the same way.
  if (header.alg !== 'HS256')
    throw new joseErrors.JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed');
  if ('crit' in header || 'b64' in header)
    throw new joseErrors.JWSInvalid('Unsupported JWS Protected Header Parameter');
  const expected = createHmac('sha256', key).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (
    given.length !== expected.length ||
    !timingSafeEqual(given, expected) ||
    given.toString('base64url') !== s
  )
    throw new joseErrors.JWSSignatureVerificationFailed();

  const payload = decodeJson(p);
  if (!isObject(payload)) throw new joseErrors.JWTInvalid('JWT Claims Set must be a top-level JSON object');
  const claims = payload as JWTPayload;
  for (const claim of ['exp', 'aud', 'iss'] as const)
    if (!Object.hasOwn(claims, claim))
      throw new joseErrors.JWTClaimValidationFailed(
        `missing required "${claim}" claim`,
        claims,
        claim,
        'missing',
      );
  if (claims.iss !== checks.issuer)
    throw new joseErrors.JWTClaimValidationFailed(
      'unexpected "iss" claim value',
      claims,
      'iss',
      'check_failed',
    );
  const aud = claims.aud;
  if (!(aud === checks.audience || (Array.isArray(aud) && aud.includes(checks.audience))))
    throw new joseErrors.JWTClaimValidationFailed(
      'unexpected "aud" claim value',
      claims,
      'aud',
      'check_failed',
    );
  const now = Math.floor(Date.now() / 1000);
  numericDate(claims, 'iat');
  const nbf = numericDate(claims, 'nbf');
  if (nbf !== undefined && nbf > now + checks.clockTolerance)
    throw new joseErrors.JWTClaimValidationFailed(
      '"nbf" claim timestamp check failed',
      claims,
      'nbf',
      'check_failed',
    );
  const exp = numericDate(claims, 'exp')!;
  if (exp <= now - checks.clockTolerance)
    throw new joseErrors.JWTExpired('"exp" claim timestamp check failed', claims, 'exp', 'check_failed');
  return claims;
}
