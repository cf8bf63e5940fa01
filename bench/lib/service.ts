import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startNode } from './proc';

export interface BenchService {
  url: string;
  child: ChildProcess;
  dir: string;
}

/**
 * Extra node flags for the service process, for profiling and experiments:
 * BENCH_CPU_PROF_DIR=/tmp/x writes a CPU profile of the service there when it stops;
 * BENCH_SERVICE_NODE_ARGS="--max-semi-space-size=64" adds flags as given (space-separated).
 */
function serviceNodeArgs(): string[] {
  const args = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const prof = process.env.BENCH_CPU_PROF_DIR;
  return prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`, ...args] : args;
}

/** BENCH_SERVICE_IMPORT=a.ts,b.ts: modules loaded into the service process first (see bench/experiments). */
function serviceImports(): string[] {
  return (process.env.BENCH_SERVICE_IMPORT ?? '').split(',').filter(Boolean);
}

/**
 * Starts the real service in its own process on loopback: the embedded SQLite store in a temp folder,
 * unless DATABASE_URL / REDIS_URL are set in the environment. Pass the `dir` of a stopped service to start
 * it again on the same data (and dev key).
 */
export async function startBenchService(
  extraEnv: Record<string, string> = {},
  reuseDir?: string,
): Promise<BenchService> {
  const dir = reuseDir ?? mkdtempSync(join(tmpdir(), 'stoa-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = await startNode(
    'shared/server/main.ts',
    {
      PORT: String(port),
      SQLITE_PATH: join(dir, 'stoa.db'),
      DEV_KEY_PATH: join(dir, 'dev-key.json'),
      TAB_DIST: '',
      RATE_LIMIT_PER_MINUTE: '100000000',
      ...extraEnv,
    },
    `${url}/healthz`,
    serviceNodeArgs(),
    serviceImports(),
  );
  return { url, child, dir };
}

/** Signs in a dev user on the service and returns the bearer token. */
export async function devToken(
  url: string,
  user: { tenantId: string; userId: string; name: string },
): Promise<string> {
  const res = await fetch(`${url}/api/v1/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (!res.ok) throw new Error(`dev token: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
