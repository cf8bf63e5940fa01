import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import restify, { type Request, type Response } from 'restify';
import type { BotEnv } from './env';
import { installErrorHandler } from './http/errors';
import { messagesRoute } from './http/messagesRoute';
import { createStoaAccess } from './logic/stoaAccess';
import { createBotLogger } from './logger';
import { createAdapter, type AdapterOptions } from './teams/adapter';
import { StoaTeamsBot } from './teams/StoaTeamsBot';

/** Teams activities are small; a cap keeps a hostile body from costing memory. */
const MAX_ACTIVITY_BYTES = 256 * 1024;
/** How long in-flight turns may finish after close() before their connections are cut. */
const CLOSE_GRACE_MS = 5000;

export interface BotOptions {
  /** A logger to use instead of one made from the env (tests pass a silent one). */
  log?: Logger;
  adapter?: AdapterOptions;
}

export interface RunningBot {
  /** Base URL, e.g. `http://127.0.0.1:3978`; the messaging endpoint is `${url}/api/messages`. */
  url: string;
  port: number;
  /** Stops accepting connections and lets in-flight turns finish (briefly). */
  close(): Promise<void>;
}

/** Builds and starts the bot on `env.BOT_PORT` (0 for any free port). */
export async function createBot(env: BotEnv, opts: BotOptions = {}): Promise<RunningBot> {
  const log = opts.log ?? createBotLogger({ level: env.LOG_LEVEL, pretty: env.LOG_PRETTY });
  const adapter = createAdapter(env, log, opts.adapter);
  const bot = new StoaTeamsBot(
    createStoaAccess({ serviceUrl: env.STOA_SERVICE_URL, secret: env.BOT_SERVICE_SECRET }),
    log,
  );

  // @types/restify still describes bunyan; restify 12 itself logs through pino.
  const server = restify.createServer({
    name: 'stoa-bot',
    log: log as unknown as restify.ServerOptions['log'],
    handleUncaughtExceptions: false,
  });
  installErrorHandler(server, log);
  // maxBodySize is passed through to restify's body reader; its typings omit it.
  const bodyOptions = {
    mapParams: false,
    maxBodySize: MAX_ACTIVITY_BYTES,
  } as restify.plugins.JsonBodyParserOptions;
  server.use(restify.plugins.jsonBodyParser(bodyOptions));

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  messagesRoute(server, { adapter, bot, log });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.BOT_PORT, env.BOT_HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo | null)?.port ?? env.BOT_PORT;
  const url = `http://${env.BOT_HOST.includes(':') ? `[${env.BOT_HOST}]` : env.BOT_HOST}:${port}`;
  log.info({ url, auth: env.MicrosoftAppId ? 'bot-framework' : 'anonymous' }, 'bot listening');

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        const cut = setTimeout(() => server.server.closeAllConnections(), CLOSE_GRACE_MS);
        cut.unref();
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.server.closeIdleConnections();
      })),
  };
}
