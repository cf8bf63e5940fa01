import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, createRemoteJWKSet } from 'jose';
import type { Logger } from 'pino';
import restify, { type Request, type Response } from 'restify';
import { LIMITS } from '../contract/limits';
import { loadOrCreateDevKey } from './auth/devKeys';
import type { Principal } from './auth/principal';
import { Revocations } from './auth/revocations';
import { TokenVerifier } from './auth/verifier';
import type { AppContext } from './context';
import type { ServiceEnv } from './env';
import { AuthenticationError } from './errors';
import { installErrorHandler } from './http/errorHandler';
import { strictJsonBodyParser } from './http/utf8Body';
import { RedisRateLimiter, memoryLimiter } from './http/rateLimit';
import { installSecurityHeaders } from './http/securityHeaders';
import { inlineScriptHashes, serveTab } from './http/staticFiles';
import { createMemoryBus, createRedisBus } from './events/bus';
import { SessionEvents } from './events/sessionEvents';
import { createLogger } from './logger';
import { attachCollaboration } from './notes/collaboration';
import { noteRoutes } from './routes/notes/notes';
import { createPrivacy } from './privacy';
import { createRounds } from './rounds';
import { createBackstage } from './backstage';
import { backstageRoutes } from './routes/backstage/backstage';
import { moderationRoutes } from './routes/backstage/moderation';
import { privacyRoutes } from './routes/privacy/privacy';
import { botRefRoutes } from './routes/rounds/botRefs';
import { dashboardRoutes } from './routes/dashboard/dashboard';
import { roundRoutes } from './routes/rounds/rounds';
import { authRoutes } from './routes/auth/auth';
import { classRoutes } from './routes/classes/classes';
import { eventRoutes } from './routes/events/events';
import { joinLinkRoutes } from './routes/members/joinLink';
import { memberRoutes } from './routes/members/members';
import { sessionRoutes } from './routes/sessions/sessions';
import { systemRoutes } from './routes/system/system';
import { openDatabase, type DatabaseOptions } from './storage/db';
import { createStorage } from './storage/stores';
import { DbTracingPlugin } from './telemetry/dbTracing';
import { Telemetry } from './telemetry/telemetry';
import { requestTraceId, tracingEnabled } from './telemetry/tracing';
import { createTeamsAsker } from './teams/teamsAsker';

export const SERVICE_VERSION = '0.1.0';

export interface ServiceOptions {
  /** A logger to use instead of one made from the env (tests pass a silent one). */
  log?: Logger;
  /** PostgreSQL schema to isolate this instance's tables in (tests). */
  pgSchema?: string;
}

export interface RunningService {
  /** Base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  port: number;
  context: AppContext;
  /** `http://host:port/metrics` of the separate metrics listener, when METRICS_PORT is set. */
  metricsUrl: string | null;
  /** Stops accepting connections, finishes what is in flight, closes storage. */
  close(): Promise<void>;
}

function bearer(req: Request): string {
  const header = req.headers.authorization;
  if (!header) throw new AuthenticationError('unauthenticated', 'Sign in: this needs an access token.');
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) {
    throw new AuthenticationError('unauthenticated', 'Send the token as "Authorization: Bearer <token>".');
  }
  return token;
}

/** Builds and starts the service on `env.PORT` (0 for any free port). */
export async function createService(env: ServiceEnv, opts: ServiceOptions = {}): Promise<RunningService> {
  const log =
    opts.log ?? createLogger({ level: env.LOG_LEVEL, pretty: env.LOG_PRETTY, name: 'stoa-service' });
  const dbOpts: DatabaseOptions = { databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH };
  if (opts.pgSchema) dbOpts.pgSchema = opts.pgSchema;
  const telemetry = await Telemetry.create({
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
    serviceName: env.OTEL_SERVICE_NAME,
    version: SERVICE_VERSION,
    metricsPort: env.METRICS_PORT,
    metricsHost: env.METRICS_HOST,
    metricsToken: env.METRICS_TOKEN,
    log,
  });
  const database = await openDatabase(dbOpts);
  if (tracingEnabled()) {
    database.db = database.db.withPlugin(
      new DbTracingPlugin(database.dialect === 'postgres' ? 'postgresql' : 'sqlite'),
    );
  }
  telemetry.metrics?.observe({ dbPool: () => database.poolStats?.() ?? null });
  const storage = createStorage(database);

  const devKey = env.AUTH_MODE === 'dev' ? await loadOrCreateDevKey(env.DEV_KEY_PATH || null) : null;
  // Before the verifier answers anyone: tokens of erased people stay refused across restarts.
  const revocations = new Revocations(database.db, log);
  await revocations.start();
  const verifier = new TokenVerifier({
    isRevoked: (tenantId, userId, iat) => revocations.isRevoked(tenantId, userId, iat),
    userKeys: devKey
      ? createLocalJWKSet({ keys: [devKey.publicJwk] })
      : createRemoteJWKSet(new URL(env.ENTRA_JWKS_URL), { timeoutDuration: 5000, cooldownDuration: 30_000 }),
    audiences: [env.AAD_APP_CLIENT_ID, env.AAD_APP_ID_URI],
    allowedTenants: env.ALLOWED_TENANTS,
    botSecret: env.BOT_SERVICE_SECRET,
  });
  // In Redis when scaled out: with N instances behind a balancer a per-process budget would be N budgets.
  const limiter = env.REDIS_URL
    ? await new RedisRateLimiter(env.REDIS_URL, env.RATE_LIMIT_PER_MINUTE, log).ready()
    : memoryLimiter(env.RATE_LIMIT_PER_MINUTE);
  const bus = telemetry.observeBus(
    env.REDIS_URL ? await createRedisBus(env.REDIS_URL, log) : createMemoryBus(),
    env.REDIS_URL ? 'redis' : 'memory',
  );
  const readinessChecks = new Map<string, () => Promise<void>>();
  if (env.REDIS_URL) readinessChecks.set('redis', () => bus.check());

  // @types/restify still describes bunyan; restify 12 itself logs through pino.
  const server = restify.createServer({
    name: 'stoa',
    log: log as unknown as restify.ServerOptions['log'],
    handleUncaughtExceptions: false,
    // find-my-way (restify's router) answers 404 for a path parameter over 100 characters, while user ids
    // may have LIMITS.idMax characters, percent-encoded up to 3 bytes each: the contract validates instead.
    maxParamLength: 3 * LIMITS.idMax + 64,
  });
  installErrorHandler(server, log);
  server.pre((req: Request, res: Response, next: () => void) => {
    res.setHeader('X-Request-Id', req.getId());
    next();
  });
  // Telemetry before the headers: it times preflights too, and sees HEAD before it is routed as GET.
  telemetry.installHttp(server);
  installSecurityHeaders(server, {
    frameAncestors: env.CSP_FRAME_ANCESTORS,
    corsOrigins: env.CORS_ORIGINS,
    hstsMaxAgeSeconds: env.HSTS_MAX_AGE_SECONDS,
    publicUrl: env.PUBLIC_URL,
    scriptHashes: inlineScriptHashes(env.TAB_DIST),
  });
  // maxBodySize is passed through to restify's body reader; its typings omit it.
  const bodyOptions = {
    mapParams: false,
    maxBodySize: LIMITS.maxBodyBytes,
  } as restify.plugins.JsonBodyParserOptions;
  const parsers = {
    query: restify.plugins.queryParser({ mapParams: false }),
    body: strictJsonBodyParser(bodyOptions),
  };
  server.on('after', (req: Request, res: Response) => {
    const traceId = requestTraceId(req);
    log.info(
      {
        reqId: req.getId(),
        method: req.method,
        url: req.url,
        status: res.statusCode,
        ...(traceId ? { trace_id: traceId } : {}),
      },
      'request',
    );
  });

  const context: AppContext = {
    server,
    storage,
    env,
    log,
    devKey,
    events: new SessionEvents(database, bus),
    revocations,
    readinessChecks,
    askTeams: createTeamsAsker({
      botNotifyUrl: env.BOT_NOTIFY_URL,
      secret: env.BOT_SERVICE_SECRET,
      storage,
      log,
    }),
    verifyToken: (token) => verifier.verify(token),
    routeDeps: {
      authenticate: (req) => verifier.verify(bearer(req)),
      limit: (p: Principal) => limiter.take(`${p.tenantId}/${p.userId}`),
      parsers,
      compressMinBytes: env.COMPRESS_MIN_BYTES,
    },
  };

  systemRoutes(context, SERVICE_VERSION);
  authRoutes(context);
  classRoutes(context);
  memberRoutes(context);
  joinLinkRoutes(context);
  sessionRoutes(context);
  eventRoutes(context);
  const collaboration = await attachCollaboration(context, server.server);
  const { hocuspocus } = collaboration;
  if (tracingEnabled()) {
    // Hocuspocus runs hooks in priority order, sorted at construction: sort again after adding ours.
    hocuspocus.configuration.extensions.push(telemetry.collabExtension());
    hocuspocus.configuration.extensions.sort((a, b) => (b.priority ?? 100) - (a.priority ?? 100));
  }
  telemetry.metrics?.observe({
    openEditors: () => hocuspocus.getConnectionsCount(),
    loadedNotes: () => hocuspocus.getDocumentsCount(),
  });
  noteRoutes(context);
  // After the notes: round summaries are written into them.
  const rounds = (context.rounds = createRounds(context));
  roundRoutes(context, rounds);
  botRefRoutes(context, rounds);
  const privacy = (context.privacy = await createPrivacy(context));
  privacyRoutes(context, privacy);
  dashboardRoutes(context, rounds);
  // After the notes: asked questions are compared with them.
  const backstage = createBackstage(context);
  backstageRoutes(context, backstage);
  moderationRoutes(context, backstage);
  const servingTab = env.TAB_DIST ? serveTab(server, env.TAB_DIST) : false;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, () => {
      // Must go: restify emits a handler error as an event named after the error (pg's DatabaseError is
      // named "error"), and a leftover listener that never calls back leaves that request hanging.
      server.removeListener('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo | null)?.port ?? env.PORT;
  const url = `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`;
  log.info({ url, storage: database.dialect, auth: env.AUTH_MODE, tab: servingTab }, 'service listening');

  let closing: Promise<void> | null = null;
  const metricsPort = telemetry.metricsPort;
  return {
    url,
    port,
    context,
    metricsUrl: metricsPort === null ? null : `http://${env.METRICS_HOST}:${metricsPort}/metrics`,
    close: () =>
      (closing ??= (async () => {
        // The retention job stops before anything else closes: it must not delete under closing modules.
        await privacy.close();
        // Rounds first: their timers stop and their last views and summaries go out while all is open.
        await rounds.close();
        await backstage.close();
        // Notes next: their sockets are closed and their updates stored while the database is open.
        await collaboration.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.server.closeAllConnections?.();
        });
        await bus.close();
        await limiter.close();
        await telemetry.close();
        revocations.close();
        await database.close();
      })()),
  };
}
