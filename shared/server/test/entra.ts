import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, type JWK, type JWTPayload } from 'jose';
import { SSO_SCOPE } from '../../contract/auth';
import type { SigningKey } from '../auth/devKeys';
import { issuerFor } from '../auth/tokens';

/** The Entra app registration the entra-mode suites configure the service with. */
export const ENTRA_APP = {
  clientId: '11111111-2222-3333-4444-555555555555',
  appIdUri: 'api://stoa.example/11111111-2222-3333-4444-555555555555',
  tenant: 'aaaaaaaa-0000-0000-0000-000000000001',
  otherTenant: 'bbbbbbbb-0000-0000-0000-000000000002',
} as const;

export interface JwksServer {
  /** URL of the key set, for ENTRA_JWKS_URL. */
  url: string;
  /** How many times the key set was fetched. */
  fetches(): number;
  /** While true the server answers 503, as an identity provider in trouble would. */
  setFailing(failing: boolean): void;
  close(): Promise<void>;
}

/** Serves a JSON Web Key Set on 127.0.0.1 and a free port, as Entra's discovery keys endpoint does. */
export async function startJwksServer(keys: JWK[]): Promise<JwksServer> {
  let count = 0;
  let failing = false;
  const server: Server = createServer((req, res) => {
    if (failing) {
      res.writeHead(503);
      res.end();
      return;
    }
    if (req.url !== '/discovery/v2.0/keys') {
      res.writeHead(404);
      res.end();
      return;
    }
    count += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/discovery/v2.0/keys`,
    fetches: () => count,
    setFailing: (f) => {
      failing = f;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface EntraTokenOptions {
  version?: '1.0' | '2.0';
  tenantId?: string;
  userId?: string;
  /** Defaults to what the version uses: the `api://` URI for v1, the client id for v2. */
  audience?: string;
  issuer?: string;
  scope?: string;
  /** Seconds from now; negative for a token that expired. */
  expiresIn?: number;
  /** Seconds from now the token becomes valid. */
  notBefore?: number;
  kid?: string;
  /** Extra claims, e.g. `act`. */
  claims?: JWTPayload;
}

/** Signs an access token shaped like Entra's, every claim overridable to make a bad one. */
export async function signEntraToken(key: SigningKey, o: EntraTokenOptions = {}): Promise<string> {
  const version = o.version ?? '2.0';
  const tenantId = o.tenantId ?? ENTRA_APP.tenant;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    tid: tenantId,
    oid: o.userId ?? 'entra-user-1',
    name: 'Entra User',
    scp: o.scope ?? `User.Read ${SSO_SCOPE}`,
    ver: version,
    ...o.claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: o.kid ?? key.kid, typ: 'JWT' })
    .setIssuer(o.issuer ?? issuerFor(tenantId, version))
    .setAudience(o.audience ?? (version === '1.0' ? ENTRA_APP.appIdUri : ENTRA_APP.clientId))
    .setIssuedAt(now - 10)
    .setNotBefore(now + (o.notBefore ?? -10))
    .setExpirationTime(now + (o.expiresIn ?? 3600))
    .sign(key.privateKey);
}

/** A JWT with `alg: none` and no signature, which must never be accepted. */
export function unsignedToken(payload: JWTPayload): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}
