import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A free loopback port (bound and released; the service binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

/**
 * `shared/server/main.ts` compiled once into one ESM file next to node_modules (dependencies stay external
 * and resolve as usual). Starting that with plain node runs the same code as `tsx shared/server/main.ts`
 * without transpiling every file on each of the many restarts a durability test makes.
 */
export async function buildServiceEntry(): Promise<{ entry: string; remove(): void }> {
  const dir = join(ROOT, 'node_modules', '.cache', `stoa-notes-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'main.mjs');
  await build({
    entryPoints: [join(ROOT, 'shared/server/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20',
    outfile: entry,
    logLevel: 'error',
  });
  return { entry, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** The last lines it printed, for failure messages. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts the service as its own process on a free port and waits until `/healthz` answers. */
export async function startServiceProcess(
  entry: string,
  env: Record<string, string>,
  /** A port to reuse (a restart that clients reconnect to); a free one when absent. */
  port?: number,
): Promise<ServiceProcess> {
  port ??= await freePort();
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { NODE_ENV: 'test', HOST: '127.0.0.1', TAB_DIST: '', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => (out = (out + b.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited at start:\n${out}`);
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`service did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    url,
    child,
    output: () => out,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
