import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

/** Runs `bot/main.ts` the way `npm start` does (node --import tsx), with the given environment. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'silent', LOG_PRETTY: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, out: () => stdout, err: () => stderr };
}

// Each case starts a fresh Node process that loads botbuilder: slow on a busy machine.
describe('bot entry point', { timeout: 60_000 }, () => {
  it('prints the endpoint, serves, and exits 0 on SIGTERM', async () => {
    const run = startMain({ BOT_PORT: '0' });
    const deadline = Date.now() + 45_000;
    let match: RegExpMatchArray | null = null;
    while (!match && Date.now() < deadline) {
      match = run.out().match(/Stoa bot: (http:\/\/127\.0\.0\.1:\d+)\/api\/messages \(anonymous\)/);
      if (!match) await new Promise((r) => setTimeout(r, 100));
    }
    expect(match, run.err()).not.toBeNull();
    const health = await fetch(`${match![1]}/healthz`);
    expect(health.status).toBe(200);
    run.child.kill('SIGTERM');
    const [code] = await run.exited;
    expect(code).toBe(0);
  });

  it('refuses to start with a bad configuration and says what to set (exit 1)', async () => {
    const run = startMain({ MicrosoftAppType: 'SingleTenant', BOT_PORT: '0' });
    const [code] = await run.exited;
    expect(code).toBe(1);
    expect(run.err()).toContain('Invalid bot configuration');
    expect(run.err()).toContain('MicrosoftAppTenantId');
    expect(run.out()).not.toContain('/api/messages');
  });
});
