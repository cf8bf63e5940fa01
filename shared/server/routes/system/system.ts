import type { Request, Response } from 'restify';
import { buildOpenApiDocument } from '../../../contract/openapi';
import type { AppContext } from '../../context';

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
    const run = async (name: string, check: () => Promise<void>) => {
      try {
        await check();
        checks[name] = 'ok';
      } catch {
        checks[name] = 'failing';
      }
    };
    await run(storage.database.dialect, () => storage.database.ping());
    for (const [name, check] of app.readinessChecks) await run(name, check);
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
