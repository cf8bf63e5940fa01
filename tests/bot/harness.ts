import { Writable } from 'node:stream';
import { createServer } from 'node:net';
import pino from 'pino';
import { createBot, type BotOptions, type RunningBot } from '../../bot/createBot';
import { parseBotEnv } from '../../bot/env';
import { BOT_NOTIFY_PATH } from '../../shared/contract/botNotify';
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
  /** Stops the bot and starts a new instance on the same port, against the same service and connector. */
  restartBot(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a real service (SQLite), a local connector and a real bot pointed at both. With `notify`, the bot
 * gets a fixed port first so the service can be told where to send its notifications (`BOT_NOTIFY_URL`).
 */
export async function startBotHarness(
  opts: {
    env?: Record<string, string>;
    adapter?: BotOptions['adapter'];
    notify?: boolean;
    serviceEnv?: Record<string, string>;
    tallyIntervalMs?: number;
  } = {},
): Promise<BotHarness> {
  const port = opts.notify ? await freePort() : 0;
  const service = await startTestService({
    env: {
      ...(opts.notify ? { BOT_NOTIFY_URL: `http://127.0.0.1:${port}${BOT_NOTIFY_PATH}` } : {}),
      ...opts.serviceEnv,
    },
  });
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
    BOT_PORT: String(port),
    STOA_SERVICE_URL: service.url,
    ...opts.env,
  });
  const start = () =>
    createBot(env, {
      log: pino({ level: process.env.BOT_TEST_LOG ?? 'info' }, sink),
      adapter: opts.adapter,
      ...(opts.tallyIntervalMs !== undefined ? { tallyIntervalMs: opts.tallyIntervalMs } : {}),
    });
  let bot = await start();
  const h: BotHarness = {
    service,
    connector,
    get bot() {
      return bot;
    },
    logs,
    async post(body, headers = {}) {
      const send = () =>
        fetch(`${bot.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        });
      let res: Response;
      try {
        res = await send();
      } catch (err) {
        // A kept-alive socket to the bot instance a restart just closed: the retry opens a new one.
        if ((err as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw err;
        res = await send();
      }
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // keep the raw text
      }
      return { status: res.status, body: parsed };
    },
    async restartBot() {
      await bot.close();
      bot = await start();
    },
    async close() {
      await bot.close();
      await connector.close();
      await service.close();
    },
  };
  return h;
}
