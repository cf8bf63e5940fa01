import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import restify, { type Request, type Response } from 'restify';
import type { BotEnv } from './env';
import { installErrorHandler } from './http/errors';
import { messagesRoute } from './http/messagesRoute';
import { notifyRoute } from './http/notifyRoute';
import { standingRoute } from './http/standingRoute';
import { GraphClient } from './teams/graph';
import { StandingReader } from './teams/standing';
import { createServiceFetch } from './http/serviceFetch';
import { recordRoundCard } from './logic/rounds/recordCard';
import { createStoaAccess } from './logic/stoaAccess';
import { createBotLogger } from './logger';
import { startBotTracing } from './telemetry';
import { createAdapter, type AdapterOptions } from './teams/adapter';
import { NotificationHandler } from './teams/notifications';
import type { RecordCard } from './teams/replies';
import { StoaTeamsBot } from './teams/StoaTeamsBot';

/** Teams activities are small; a cap keeps a hostile body from costing memory. */
const MAX_ACTIVITY_BYTES = 256 * 1024;
/**
 * Pending connections the kernel may hold for the bot (Node's default is 511). A class answering at once
 * opens hundreds within a second; overflowing connections are dropped and retried a second or more later.
 */
const LISTEN_BACKLOG = 4096;
/** How long in-flight turns may finish after close() before their connections are cut. */
const CLOSE_GRACE_MS = 5000;

export interface BotOptions {
  /** A logger to use instead of one made from the env (tests pass a silent one). */
  log?: Logger;
  adapter?: AdapterOptions;
  /** Shortest gap between two tally updates of one round's card (tests shorten it). */
  tallyIntervalMs?: number;
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
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT)
    await startBotTracing(env.OTEL_EXPORTER_OTLP_ENDPOINT, env.OTEL_SERVICE_NAME);
  const adapter = createAdapter(env, log, opts.adapter);
  const deps = createStoaAccess({
    serviceUrl: env.STOA_SERVICE_URL,
    secret: env.BOT_SERVICE_SECRET,
    onBackgroundError: (err, what) => log.warn({ err }, `failed: ${what}`),
    fetch: createServiceFetch(),
  });
  // A card that was posted but not recorded can no longer be updated; that is worth an error line.
  const record: RecordCard = async (who, roundId, where) => {
    try {
      await recordRoundCard(deps, who, roundId, where);
    } catch (err) {
      log.error({ err, roundId, ...where }, 'could not record where the round card is');
    }
  };
  const graph = env.GRAPH_ENABLED
    ? new GraphClient({
        baseUrl: env.GRAPH_BASE_URL,
        tokenUrl: env.GRAPH_TOKEN_URL,
        clientId: env.GRAPH_CLIENT_ID,
        clientSecret: env.GRAPH_CLIENT_SECRET,
        cacheMs: env.TEAMS_ROLE_CACHE_MS,
        log,
      })
    : null;
  const standings = new StandingReader({ graph, cacheMs: env.TEAMS_ROLE_CACHE_MS, log });
  const bot = new StoaTeamsBot(deps, log, record, standings);
  const notifications = new NotificationHandler(deps, adapter, {
    appId: env.MicrosoftAppId,
    log,
    record,
    // With Bot Framework auth the bot's token goes to the stored service URL: only over https.
    requireHttps: !!env.MicrosoftAppId,
    ...(opts.tallyIntervalMs !== undefined ? { tallyIntervalMs: opts.tallyIntervalMs } : {}),
  });

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
  notifyRoute(server, { secret: env.BOT_SERVICE_SECRET, log, handle: (n) => notifications.handle(n) });
  standingRoute(server, {
    secret: env.BOT_SERVICE_SECRET,
    log,
    adapter,
    appId: env.MicrosoftAppId,
    standings,
    requireHttps: !!env.MicrosoftAppId,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.BOT_PORT, env.BOT_HOST, LISTEN_BACKLOG, () => resolve());
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
        notifications.close();
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
