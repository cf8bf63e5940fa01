import { Writable } from 'node:stream';
import pino from 'pino';
import { createBot, type BotOptions, type RunningBot } from '../../bot/createBot';
import { parseBotEnv } from '../../bot/env';
import { startTestService, type TestService } from '../../shared/server/test/testService';
import { startLocalConnector, type LocalConnector } from './connector';

export interface BotHarness {
  service: TestService;
  connector: LocalConnector;
  bot: RunningBot;
  /** The bot's log lines (JSON), for asserting what was logged. */
  logs: Array<Record<string, unknown>>;
  /** Posts an activity (or any body) to the bot's `/api/messages`. */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** Starts a real service (SQLite), a local connector and a real bot on port 0 pointed at both. */
export async function startBotHarness(
  opts: { env?: Record<string, string>; adapter?: BotOptions['adapter'] } = {},
): Promise<BotHarness> {
  const service = await startTestService();
  const connector = await startLocalConnector();
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const env = parseBotEnv({
    NODE_ENV: 'test',
    BOT_PORT: '0',
    STOA_SERVICE_URL: service.url,
    ...opts.env,
  });
  const bot = await createBot(env, { log: pino({ level: 'info' }, sink), adapter: opts.adapter });
  return {
    service,
    connector,
    bot,
    logs,
    async post(body, headers = {}) {
      const res = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // keep the raw text
      }
      return { status: res.status, body: parsed };
    },
    async close() {
      await bot.close();
      await connector.close();
      await service.close();
    },
  };
}
