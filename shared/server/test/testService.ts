import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { StoaClient } from '../../client/client';
import { parseServiceEnv, type ServiceEnv } from '../env';
import { createService, type RunningService } from '../service';
import { TEST_PG_URL, dropPgSchema } from './backends';

export interface TestUser {
  tenantId: string;
  userId: string;
  name: string;
}

export interface TestService {
  service: RunningService;
  url: string;
  backend: 'sqlite' | 'postgres';
  /** A client signed in as the user (dev token minted by the service). */
  as(user: TestUser): Promise<StoaClient>;
  /** A client with no token. */
  anonymous(): StoaClient;
  close(): Promise<void>;
}

let counter = 0;

/** A user with a unique id; pass a tenant to put several users in one tenant. */
export function buildUser(overrides: Partial<TestUser> = {}): TestUser {
  counter += 1;
  return {
    tenantId: overrides.tenantId ?? 'tenant-a',
    userId: overrides.userId ?? `user-${counter}-${randomBytes(3).toString('hex')}`,
    name: overrides.name ?? `Test User ${counter}`,
  };
}

/**
 * Starts a real service on port 0 (dev auth, quiet logs) over in-memory SQLite or a fresh PostgreSQL
 * schema that is dropped on close.
 */
export async function startTestService(
  opts: {
    backend?: 'sqlite' | 'postgres';
    env?: Record<string, string>;
    /** Share a PostgreSQL schema with other instances (cluster tests); the caller drops it. */
    pgSchema?: string;
    /** A logger to read what the service logs (silent otherwise). */
    log?: pino.Logger;
  } = {},
): Promise<TestService> {
  const backend = opts.backend ?? 'sqlite';
  const ownSchema = backend === 'postgres' && !opts.pgSchema;
  const pgSchema =
    backend === 'postgres' ? (opts.pgSchema ?? `t_${randomBytes(6).toString('hex')}`) : undefined;
  const env: ServiceEnv = parseServiceEnv({
    NODE_ENV: 'test',
    PORT: '0',
    SQLITE_PATH: ':memory:',
    DEV_KEY_PATH: '',
    TAB_DIST: '',
    LOG_LEVEL: 'silent',
    ...(backend === 'postgres' ? { DATABASE_URL: TEST_PG_URL } : {}),
    ...opts.env,
  });
  const service = await createService(env, {
    log: opts.log ?? pino({ level: 'silent' }),
    ...(pgSchema ? { pgSchema } : {}),
  });
  const tokens = new Map<string, string>();
  const anonymous = () => new StoaClient({ baseUrl: service.url });
  return {
    service,
    url: service.url,
    backend,
    anonymous,
    async as(user) {
      const key = `${user.tenantId}/${user.userId}`;
      let token = tokens.get(key);
      if (!token) {
        token = (await anonymous().call('createDevToken', { body: user })).token;
        tokens.set(key, token);
      }
      const t = token;
      return new StoaClient({ baseUrl: service.url, getToken: () => t });
    },
    async close() {
      // A close that hangs was seen once on a loaded machine (notes on PostgreSQL); bound it and say so,
      // so one slow teardown does not fail a suite whose tests all passed.
      let timer: NodeJS.Timeout | undefined;
      const bounded = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), 30_000);
      });
      const result = await Promise.race([service.close().then(() => 'closed' as const), bounded]);
      clearTimeout(timer);
      if (result === 'timeout')
        console.warn(`[stoa tests] service on ${service.url} did not close within 30 s`);
      if (pgSchema && ownSchema) await dropPgSchema(pgSchema).catch(() => undefined);
    },
  };
}
