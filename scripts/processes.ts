import { spawn, type ChildProcess } from 'node:child_process';

export interface Proc {
  name: string;
  child: ChildProcess;
}

const COLORS: Record<string, string> = { service: '\x1b[36m', bot: '\x1b[35m', tab: '\x1b[33m' };

/** Starts a TypeScript entry point under tsx in its own process, with its output prefixed by its name. */
export function startTs(name: string, args: string[], env: Record<string, string>): Proc {
  return startNode(name, ['--import', 'tsx', ...args], env);
}

/** Starts `node <args>` (a built entry, or tsx with `--import`), with its output prefixed by its name. */
export function startNode(name: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `${COLORS[name] ?? ''}[${name}]\x1b[0m `;
  const pipe = (stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) => {
    let buf = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buf += chunk;
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const line of lines) out.write(prefix + line + '\n');
    });
  };
  pipe(child.stdout, process.stdout);
  pipe(child.stderr, process.stderr);
  return { name, child };
}

/** Polls a URL until it answers 2xx, or gives up after `timeoutMs`. */
export async function waitForUrl(url: string, timeoutMs = 60_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.status < 500) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Stops every process on SIGINT/SIGTERM, and all of them when one exits on its own. */
export function superviseAll(procs: Proc[]): void {
  let stopping = false;
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 3000).unref();
    let left = procs.filter((p) => p.child.exitCode === null).length;
    if (left === 0) process.exit(code);
    for (const p of procs)
      p.child.once('exit', () => {
        left -= 1;
        if (left <= 0) process.exit(code);
      });
  };
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  for (const p of procs) {
    p.child.on('exit', (code) => {
      if (stopping) return;
      console.error(`[${p.name}] exited with code ${code ?? 'null'}; stopping the others.`);
      stopAll(code || 1);
    });
  }
}
