import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoaClient } from '../../shared/client/client';
import { TEST_REDIS_URL } from '../../shared/server/test/backends';
import type { TestUser } from '../../shared/server/test/testService';
import { buildServiceEntry, startServiceProcess, type ServiceProcess } from '../notes/serviceProcess';
import { pgSchemaUrl } from '../proving/world';
import { startBalancer, type Balancer } from './balancer';

export interface Cluster {
  nodes: ServiceProcess[];
  /** The shared PostgreSQL schema, for checking what was stored. */
  databaseUrl: string;
  /** A load balancer in front of every node. */
  balancer: Balancer;
  /** A dev token; every node signs with the same key, as one deployment does. */
  token(user: TestUser): Promise<string>;
  /** A typed client of node `i` (or of the balancer when `i` is omitted). */
  client(token: string, i?: number): StoaClient;
  /** SIGKILLs node `i` and takes it out of the balancer. */
  kill(i: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * N service processes sharing one PostgreSQL schema and Redis, each on its own port, plus a TCP load
 * balancer in front of them. Node 0 starts first so that it writes the shared dev signing key.
 */
export async function startCluster(n: number, env: Record<string, string> = {}): Promise<Cluster> {
  const entry = await buildServiceEntry();
  const dir = mkdtempSync(join(tmpdir(), 'stoa-cluster-'));
  const db = await pgSchemaUrl();
  const nodeEnv = {
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    DEV_KEY_PATH: join(dir, 'dev-key.json'),
    RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  };
  const first = await startServiceProcess(entry.entry, nodeEnv);
  const rest = await Promise.all(
    Array.from({ length: n - 1 }, () => startServiceProcess(entry.entry, nodeEnv)),
  );
  const nodes = [first, ...rest];
  const balancer = await startBalancer(nodes.map((p) => Number(new URL(p.url).port)));
  const anon = new StoaClient({ baseUrl: first.url });
  return {
    nodes,
    databaseUrl: db.url,
    balancer,
    token: async (user) => (await anon.call('createDevToken', { body: user })).token,
    client: (token, i) =>
      new StoaClient({ baseUrl: i === undefined ? balancer.url : nodes[i]!.url, getToken: () => token }),
    async kill(i) {
      balancer.down(Number(new URL(nodes[i]!.url).port));
      await nodes[i]!.kill('SIGKILL');
    },
    async close() {
      await balancer.close();
      await Promise.all(nodes.map((p) => p.kill('SIGTERM')));
      entry.remove();
      rmSync(dir, { recursive: true, force: true });
      await db.drop().catch(() => undefined);
    },
  };
}
