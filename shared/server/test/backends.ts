import pg from 'pg';

/** PostgreSQL used by tests: CI's database `test` with trust auth, unless TEST_DATABASE_URL says otherwise. */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const IN_CI = process.env.CI === 'true';

let reachable: Promise<boolean> | null = null;

/** Whether PostgreSQL answers. Under CI=true an unreachable database fails the run instead of skipping. */
export function postgresAvailable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (err) {
      if (IN_CI) throw new Error(`CI=true but PostgreSQL at ${TEST_PG_URL} is unreachable: ${String(err)}`);
      console.warn(
        `\n[stoa tests] PostgreSQL not reachable at ${TEST_PG_URL}: PostgreSQL cases are skipped on this machine.\n`,
      );
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

/** Storage backends a suite runs against: SQLite always, PostgreSQL where it answers (always in CI). */
export async function storageBackends(): Promise<Array<'sqlite' | 'postgres'>> {
  return (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** Drops a test schema and everything in it. */
export async function dropPgSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    // Never wait forever on a lock held by a service that failed to close.
    await client.query("set lock_timeout = '5s'");
    await client.query(`drop schema if exists "${schema.replace(/"/g, '')}" cascade`);
  } finally {
    await client.end();
  }
}

/** Redis used by tests (CI runs one on 127.0.0.1:6379). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let redisReachable: Promise<boolean> | null = null;

/** Whether Redis answers. Under CI=true an unreachable Redis fails the run instead of skipping. */
export function redisAvailable(): Promise<boolean> {
  redisReachable ??= (async () => {
    const { Redis } = await import('ioredis');
    const client = new Redis(TEST_REDIS_URL, {
      lazyConnect: true,
      connectTimeout: 2000,
      maxRetriesPerRequest: 0,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      return true;
    } catch (err) {
      if (IN_CI) throw new Error(`CI=true but Redis at ${TEST_REDIS_URL} is unreachable: ${String(err)}`);
      console.warn(
        `\n[stoa tests] Redis not reachable at ${TEST_REDIS_URL}: cluster cases are skipped on this machine.\n`,
      );
      return false;
    } finally {
      client.disconnect();
    }
  })();
  return redisReachable;
}
