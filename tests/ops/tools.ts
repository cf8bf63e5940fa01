import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ToolRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The JSON line a tool prints on success. */
  json<T = Record<string, unknown>>(): T;
}

/** Runs `npm run backup` / `npm run restore`'s source (`shared/server/ops/<tool>Cli.ts`) as its own process. */
export function runTool(
  tool: 'backup' | 'restore',
  args: string[],
  env: Record<string, string>,
): Promise<ToolRun> {
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, `shared/server/ops/${tool}Cli.ts`), ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', fail);
    child.once('exit', (code) =>
      ok({
        code,
        stdout,
        stderr,
        json: <T>() => {
          if (code !== 0) throw new Error(`${tool} failed (${code}): ${stderr}`);
          return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T;
        },
      }),
    );
  });
}
