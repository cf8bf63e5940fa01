import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Extension } from '@hocuspocus/server';
import type { Logger } from 'pino';
import type { Next, Request, Response, Route, Server } from 'restify';
import { operations } from '../../contract/api';
import type { EventBus } from '../events/bus';
import { toErrorBody } from '../http/errorHandler';
import { ServiceMetrics } from './metrics';
import { endRequestSpan, inSpan, openSpan, startRequestSpan, startTracing } from './tracing';

export interface TelemetryOptions {
  otlpEndpoint: string | undefined;
  serviceName: string;
  version: string;
  /** Own listener for `/metrics`; undefined: none. */
  metricsPort: number | undefined;
  metricsHost: string;
  /** Bearer token that opens `/metrics` on the main port; undefined: 404 there. */
  metricsToken: string | undefined;
  log: Logger;
}

/** `GET /api/v1/sessions/:sessionId` -> `getSession`: metrics are labelled with the contract's names. */
const OPERATION_BY_ROUTE = new Map(
  Object.entries(operations).map(([id, op]) => [`${op.method.toUpperCase()} ${op.path}`, id]),
);

function operationOf(method: string, route: Route | undefined): string {
  const path = (route as { spec?: { path?: unknown } } | undefined)?.spec?.path;
  if (typeof path !== 'string') return 'unmatched';
  return OPERATION_BY_ROUTE.get(`${method} ${path}`) ?? (path === '/*' ? 'static' : path);
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The service's telemetry: Prometheus metrics (only when someone can read them: an own port or a token)
 * and OpenTelemetry traces (only with an OTLP endpoint). Each hook is a no-op when its part is off.
 */
export class Telemetry {
  readonly metrics: ServiceMetrics | null;
  private metricsServer: HttpServer | null = null;
  private readonly started = new WeakMap<Request, bigint>();

  private constructor(private readonly o: TelemetryOptions) {
    this.metrics =
      o.metricsPort !== undefined || o.metricsToken !== undefined
        ? new ServiceMetrics({ service: o.serviceName })
        : null;
  }

  static async create(o: TelemetryOptions): Promise<Telemetry> {
    const t = new Telemetry(o);
    if (o.otlpEndpoint) await startTracing(o.otlpEndpoint, o.serviceName, o.version, o.log);
    if (t.metrics && o.metricsPort !== undefined) await t.listenForMetrics(o.metricsPort);
    return t;
  }

  /** Port of the metrics listener (when one was asked for). */
  get metricsPort(): number | null {
    return (this.metricsServer?.address() as AddressInfo | null)?.port ?? null;
  }

  /** Times and traces every request, counts refusals, and answers `/metrics` for holders of the token. */
  installHttp(server: Server): void {
    server.pre((req: Request, _res: Response, next: Next) => {
      if (this.metrics) this.started.set(req, process.hrtime.bigint());
      startRequestSpan(req, req.method ?? 'GET', req.path(), req.headers);
      next();
    });
    server.on('after', (req: Request, res: Response, route: Route | undefined, err: unknown) => {
      const method = req.method ?? 'GET';
      const operation = operationOf(method, route);
      const errorId = err && res.statusCode >= 400 ? toErrorBody(err).body.error.id : undefined;
      endRequestSpan(
        req,
        (route as { spec?: { path?: string } } | undefined)?.spec?.path,
        res.statusCode,
        errorId,
      );
      const m = this.metrics;
      if (!m) return;
      const start = this.started.get(req);
      if (start !== undefined) {
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        m.httpDuration.observe({ operation, method, status: String(res.statusCode) }, seconds);
      }
      if (errorId && res.statusCode < 500) {
        const details = (err as { details?: { reason?: unknown } }).details;
        const reason = typeof details?.reason === 'string' ? details.reason : '';
        m.refusals.inc({ id: errorId, reason });
        if (errorId === 'rate_limited') m.rateLimited.inc({ scope: 'http' });
      }
    });
    server.get('/metrics', async (req: Request, res: Response) => {
      const token = this.o.metricsToken;
      const header = req.headers.authorization ?? '';
      if (!token || !this.metrics) {
        res.status(404);
        res.json({ error: { id: 'route_not_found', message: 'There is no such route.' } });
        return;
      }
      if (!header.startsWith('Bearer ') || !sameToken(header.slice(7), token)) {
        res.status(401);
        res.json({ error: { id: 'unauthenticated', message: 'Send the metrics token as a bearer token.' } });
        return;
      }
      const { type, body } = await this.metrics.render();
      res.setHeader('Cache-Control', 'no-store');
      res.sendRaw(200, body, { 'Content-Type': type });
    });
  }

  /** The event bus, counted (events by type, open streams) and traced (publishes, which go through Redis). */
  observeBus(bus: EventBus, transport: 'memory' | 'redis'): EventBus {
    const m = this.metrics;
    return {
      publish: (event) => {
        m?.roundEvents.inc({ type: event.event.type });
        return inSpan(
          `events publish`,
          { 'messaging.system': transport, 'stoa.event': event.event.type },
          () => bus.publish(event),
        );
      },
      subscribe: (sessionId, listener) => {
        m?.streamSubscribers.inc();
        const unsubscribe = bus.subscribe(sessionId, listener);
        let done = false;
        return () => {
          if (!done) m?.streamSubscribers.dec();
          done = true;
          unsubscribe();
        };
      },
      check: () => bus.check(),
      close: () => bus.close(),
    };
  }

  /**
   * Spans for the notes server: authentication to first sync of a connection, and loading a note. Runs
   * before the other extensions (highest priority) so a span covers their work.
   */
  collabExtension(): Extension {
    const loading = new Map<string, ReturnType<typeof openSpan>>();
    return {
      extensionName: 'stoa-telemetry',
      priority: 10_000,
      // Hocuspocus merges what onAuthenticate returns into the connection's context: the span rides along.
      onAuthenticate: async ({ documentName }) => {
        await Promise.resolve();
        const span = openSpan('collab connect', { 'stoa.note': documentName });
        return span ? { telemetryConnectSpan: span } : {};
      },
      connected: async ({ context }) => {
        await Promise.resolve();
        (context as { telemetryConnectSpan?: { end(): void } } | undefined)?.telemetryConnectSpan?.end();
      },
      onLoadDocument: async ({ documentName }) => {
        await Promise.resolve();
        const span = openSpan('collab load', { 'stoa.note': documentName });
        if (span) loading.set(documentName, span);
      },
      afterLoadDocument: async ({ documentName }) => {
        await Promise.resolve();
        loading.get(documentName)?.end();
        loading.delete(documentName);
      },
    };
  }

  async close(): Promise<void> {
    const s = this.metricsServer;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }

  private async listenForMetrics(port: number): Promise<void> {
    const metrics = this.metrics!;
    // restify replaces ServerResponse.prototype.writeHead process-wide with one that returns nothing:
    // no chaining of `writeHead(...).end()` on any server of this process.
    const server = createServer((req, res) => {
      if ((req.url ?? '').split('?')[0] !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404);
        res.end();
        return;
      }
      metrics.render().then(
        ({ type, body }) => {
          res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
          res.end(body);
        },
        (err: unknown) => {
          this.o.log.warn({ err }, 'metrics: render failed');
          res.writeHead(500);
          res.end();
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.o.metricsHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.metricsServer = server;
  }
}
