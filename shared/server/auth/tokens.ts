import { SignJWT } from 'jose';
import { SSO_SCOPE } from '../../contract/auth';
import type { SigningKey } from './devKeys';

export interface UserTokenClaims {
  tenantId: string;
  userId: string;
  name: string;
  /** Entra token version: v1 uses the sts issuer and the `api://` audience, v2 the login issuer and client id. */
  version?: '1.0' | '2.0';
  audience: string;
  scope?: string;
  roles?: string[];
  expiresInSeconds?: number;
}

export function issuerFor(tenantId: string, version: '1.0' | '2.0'): string {
  return version === '1.0'
    ? `https://sts.windows.net/${tenantId}/`
    : `https://login.microsoftonline.com/${tenantId}/v2.0`;
}

/** Signs a token shaped like an Entra ID access token: used by dev sign-in and by tests. */
export async function signUserToken(
  key: SigningKey,
  c: UserTokenClaims,
): Promise<{ token: string; expiresAt: Date }> {
  const version = c.version ?? '2.0';
  const now = Math.floor(Date.now() / 1000);
  const exp = now + (c.expiresInSeconds ?? 8 * 3600);
  const token = await new SignJWT({
    tid: c.tenantId,
    oid: c.userId,
    name: c.name,
    scp: c.scope ?? SSO_SCOPE,
    ver: version,
    ...(c.roles ? { roles: c.roles } : {}),
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(issuerFor(c.tenantId, version))
    .setAudience(c.audience)
    .setSubject(c.userId)
    .setIssuedAt(now)
    .setNotBefore(now - 5)
    .setExpirationTime(exp)
    .sign(key.privateKey);
  return { token, expiresAt: new Date(exp * 1000) };
}
