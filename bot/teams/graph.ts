import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';

export interface GraphOptions {
  /** e.g. `https://graph.microsoft.com/v1.0` (tests: a local endpoint speaking Graph's wire format). */
  baseUrl: string;
  /** Client-credentials token endpoint; `{tenantId}` is replaced by the tenant asked about. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** How long a team's owner list is reused. */
  cacheMs: number;
  log: Logger;
  fetch?: typeof fetch;
}

/** One member of a team as Graph answers `GET /teams/{id}/members` (`aadUserConversationMember`). */
interface GraphMember {
  userId?: unknown;
  roles?: unknown;
}

const TIMEOUT_MS = 5000;
/** Pages followed at most: a team of 25,000 members is 25 pages of Graph's largest page. */
const MAX_PAGES = 30;

/**
 * Microsoft Graph, only for the one fact the connector lacks: who owns a team (`roles` contains `owner`),
 * read with the app's resource-specific consent `TeamMember.Read.Group`. Built only when Graph is
 * configured; without it the bot makes no Graph call at all.
 */
export class GraphClient {
  private readonly tokens = new Map<string, { value: string; until: number }>();
  private readonly owners: LRUCache<string, Set<string>>;
  private readonly fetch: typeof fetch;

  constructor(private readonly o: GraphOptions) {
    this.owners = new LRUCache({ max: 5000, ttl: Math.max(1, o.cacheMs) });
    this.fetch = o.fetch ?? fetch;
  }

  /** Whether `userId` owns the team whose Microsoft 365 group is `groupId`. */
  async isTeamOwner(tenantId: string, groupId: string, userId: string): Promise<boolean> {
    const key = `${tenantId}/${groupId}`;
    let owners = this.owners.get(key);
    if (!owners) {
      owners = await this.readOwners(tenantId, groupId);
      this.owners.set(key, owners);
    }
    return owners.has(userId);
  }

  /** Forgets a team's owners, e.g. when Teams reports that its members changed. */
  forget(tenantId: string, groupId: string): void {
    this.owners.delete(`${tenantId}/${groupId}`);
  }

  private async readOwners(tenantId: string, groupId: string): Promise<Set<string>> {
    const base = this.o.baseUrl.replace(/\/+$/, '');
    const owners = new Set<string>();
    let url: string | null = `${base}/teams/${encodeURIComponent(groupId)}/members`;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const res = await this.fetch(url, {
        headers: { authorization: `Bearer ${await this.token(tenantId)}`, accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`Graph answered ${res.status} for the team's members`);
      const body = (await res.json()) as { value?: unknown; '@odata.nextLink'?: unknown };
      for (const m of Array.isArray(body.value) ? (body.value as GraphMember[]) : []) {
        if (typeof m.userId === 'string' && Array.isArray(m.roles) && m.roles.includes('owner'))
          owners.add(m.userId);
      }
      const next = body['@odata.nextLink'];
      // Only links back into the configured Graph receive the app's token.
      url = typeof next === 'string' && next.startsWith(`${base}/`) ? next : null;
    }
    return owners;
  }

  private async token(tenantId: string): Promise<string> {
    const hit = this.tokens.get(tenantId);
    if (hit && hit.until > Date.now()) return hit.value;
    const res = await this.fetch(this.o.tokenUrl.replace('{tenantId}', encodeURIComponent(tenantId)), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.o.clientId,
        client_secret: this.o.clientSecret,
        scope: `${new URL(this.o.baseUrl).origin}/.default`,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown };
    if (!res.ok || typeof body.access_token !== 'string') {
      this.o.log.warn({ status: res.status, tenantId }, 'graph: no token');
      throw new Error(`Graph token endpoint answered ${res.status}`);
    }
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    // Renewed a minute early, so a token never expires between being read and being used.
    this.tokens.set(tenantId, {
      value: body.access_token,
      until: Date.now() + Math.max(0, seconds - 60) * 1000,
    });
    return body.access_token;
  }
}
