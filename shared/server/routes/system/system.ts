import type { Request, Response } from 'restify';
import { buildOpenApiDocument } from '../../../contract/openapi';
import type { AppContext } from '../../context';

/** How long one readiness check may take before it counts as failing. */
const READY_CHECK_TIMEOUT_MS = 1500;

/** Liveness, readiness and the OpenAPI document. */
export function systemRoutes(app: AppContext, version: string): void {
  const { server, storage } = app;
  let openapi: unknown;

  // restify 12 takes handlers as async (req, res) or as (req, res, next); these are async.
  server.get('/healthz', async (_req: Request, res: Response) => {
    await Promise.resolve();
    res.json({ status: 'ok' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const checks: Record<string, 'ok' | 'failing'> = {};
    // A check that hangs counts as failing: a Redis client queues commands while it reconnects, and a
    // readiness probe must answer promptly that the instance is degraded instead of timing out.
    const run = async (name: string, check: () => Promise<void>) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('readiness check timed out')), READY_CHECK_TIMEOUT_MS);
      });
      try {
        await Promise.race([check(), timeout]);
        checks[name] = 'ok';
      } catch {
        checks[name] = 'failing';
      } finally {
        clearTimeout(timer);
      }
    };
    const all = new Map([[storage.database.dialect, () => storage.database.ping()], ...app.readinessChecks]);
    for (const name of all.keys()) checks[name] = 'failing'; // keeps the order of the checks in the answer
    await Promise.all([...all].map(([name, check]) => run(name, check)));
    const ready = Object.values(checks).every((c) => c === 'ok');
    res.status(ready ? 200 : 503);
    res.json({ status: ready ? 'ready' : 'degraded', checks });
  });

  server.get('/api/v1/openapi.json', async (_req: Request, res: Response) => {
    await Promise.resolve();
    openapi ??= buildOpenApiDocument({ version, serverUrl: app.env.PUBLIC_URL });
    res.json(openapi);
  });
}
