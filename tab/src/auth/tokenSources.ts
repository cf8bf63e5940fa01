import { StoaClient } from '../../../shared/client';
import type { TokenSource } from '../api/tabApi';
import type { TeamsHost } from '../teams/teamsHost';
import { saveDevSession, type DevIdentity, type DevSession } from './devSession';

/** Asks the service (dev auth mode) for a token for this identity. */
export async function mintDevSession(baseUrl: string, who: DevIdentity): Promise<DevSession> {
  const client = new StoaClient({ baseUrl });
  const { tenantId, userId, name } = who;
  const res = await client.call('createDevToken', { body: { tenantId, userId, name } });
  return { ...who, token: res.token, expiresAt: res.expiresAt };
}

/** Dev tokens: kept in sessionStorage; on a 401 the same identity signs in again silently. */
export function devTokenSource(baseUrl: string, initial: DevSession): TokenSource {
  let session = initial;
  return {
    async current() {
      return session.token;
    },
    async refresh() {
      session = await mintDevSession(baseUrl, session);
      saveDevSession(session);
      return true;
    },
  };
}

/** Teams SSO: the token Teams gave at start, asked for again (Teams caches it) after a 401. */
export function teamsTokenSource(host: TeamsHost, first: string): TokenSource {
  let token = first;
  return {
    async current() {
      return token;
    },
    async refresh() {
      token = await host.getAuthToken();
      return true;
    },
  };
}
