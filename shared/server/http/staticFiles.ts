import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Request, Response, Server } from 'restify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built tab: files from `dist`, and `index.html` for every other GET outside `/api` and
 * `/collab`, so the tab's client-side routes (`/tab/...`) load on refresh. Hashed assets are cached for a year.
 */
export function serveTab(server: Server, dist: string): boolean {
  const root = resolve(dist);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  const send = (res: Response, file: string, immutable: boolean) => {
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': statSync(file).size,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    createReadStream(file).pipe(res);
  };
  server.get('/*', async (req: Request, res: Response) => {
    await Promise.resolve();
    let path: string;
    try {
      path = decodeURIComponent(req.path() || '/');
    } catch {
      res.status(400);
      res.json({ error: { id: 'bad_request', message: 'The request is malformed.' } });
      return;
    }
    if (path.startsWith('/api/')) {
      res.status(404);
      res.json({ error: { id: 'route_not_found', message: 'There is no such route.' } });
      return;
    }
    const file = normalize(join(root, path));
    if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) {
      send(res, file, path.startsWith('/assets/'));
      return;
    }
    send(res, index, false);
  });
  return true;
}
