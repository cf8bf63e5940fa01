import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { compressBody, negotiateEncoding, type Encoding } from './compress';

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

/** Types worth compressing (fonts and images are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.map', '.txt', '.ttf', '.ico']);
/** Below this a compressed copy saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;

/** One encoding of a file: a file on disk (prebuilt by the tab's build) or bytes compressed here once. */
interface Variant {
  path?: string;
  data?: Buffer;
  size: number;
}

interface Entry {
  mtimeMs: number;
  /** Strong validator of the content: the same for every encoding, suffixed per encoding on the wire. */
  hash: string;
  variants: Partial<Record<Encoding, Variant>>;
  /** Compressing a file that has no prebuilt copy, once, off the event loop. */
  pending: Promise<void> | null;
}

function sizeOf(path: string): number | null {
  try {
    const s = statSync(path);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}

function etagOf(hash: string, encoding: Encoding): string {
  return encoding === 'identity' ? `"${hash}"` : `"${hash}-${encoding}"`;
}

/** True when `If-None-Match` names this content in any encoding (or is `*`). */
function notModified(header: string | undefined, hash: string): boolean {
  if (!header) return false;
  return header.split(',').some((raw) => {
    const tag = raw.trim().replace(/^W\//, '');
    return tag === '*' || tag === `"${hash}"` || tag === `"${hash}-br"` || tag === `"${hash}-gzip"`;
  });
}

/**
 * Serves the built tab: files from `dist`, and `index.html` for every other GET outside `/api` and
 * `/collab`, so the tab's client-side routes (`/tab/...`) load on refresh. Hashed assets are cached for a
 * year; the rest revalidate with their ETag (304). Text goes out as Brotli or gzip as the browser accepts:
 * from the `.br`/`.gz` files the build writes beside each asset, else compressed here once and kept.
 */
export function serveTab(server: Server, dist: string): boolean {
  const root = resolve(dist);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  const entries = new Map<string, Entry>();

  const entryOf = (file: string): Entry => {
    const { mtimeMs, size } = statSync(file);
    let e = entries.get(file);
    if (e && e.mtimeMs === mtimeMs) return e;
    const hash = createHash('sha256').update(readFileSync(file)).digest('base64url').slice(0, 22);
    e = { mtimeMs, hash, variants: { identity: { path: file, size } }, pending: null };
    const compressible = COMPRESSIBLE.has(extname(file)) && size >= MIN_COMPRESS_BYTES;
    if (compressible) {
      const br = sizeOf(`${file}.br`);
      const gz = sizeOf(`${file}.gz`);
      if (br !== null) e.variants.br = { path: `${file}.br`, size: br };
      if (gz !== null) e.variants.gzip = { path: `${file}.gz`, size: gz };
      if (br === null || gz === null) {
        // A build without the precompress step (or a file added by hand): compress once, serve plain meanwhile.
        const entry = e;
        const raw = readFileSync(file);
        entry.pending = Promise.all([
          br === null
            ? compressBody(raw, 'br').then((data) => (entry.variants.br = { data, size: data.length }))
            : null,
          gz === null
            ? compressBody(raw, 'gzip').then((data) => (entry.variants.gzip = { data, size: data.length }))
            : null,
        ]).then(
          () => undefined,
          () => undefined,
        );
      }
    }
    entries.set(file, e);
    return e;
  };

  const send = async (req: Request, res: Response, file: string, immutable: boolean) => {
    const entry = entryOf(file);
    // The first request for a file waits for its compression; every later one is served from memory or disk.
    if (entry.pending) await entry.pending;
    const cacheControl = immutable ? 'public, max-age=31536000, immutable' : 'no-cache';
    const encoding = negotiateEncoding(
      req.headers['accept-encoding'],
      (['br', 'gzip', 'identity'] as const).filter((enc) => entry.variants[enc] !== undefined),
    );
    const headers: Record<string, string | number> = {
      'Cache-Control': cacheControl,
      ETag: etagOf(entry.hash, encoding),
      Vary: 'Accept-Encoding',
    };
    if (notModified(req.headers['if-none-match'], entry.hash)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const variant = entry.variants[encoding] ?? entry.variants.identity!;
    headers['Content-Type'] = TYPES[extname(file)] ?? 'application/octet-stream';
    headers['Content-Length'] = variant.size;
    if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
    res.writeHead(200, headers);
    if (variant.data) res.end(variant.data);
    else createReadStream(variant.path!).pipe(res);
  };

  server.get('/*', async (req: Request, res: Response) => {
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
      await send(req, res, file, path.startsWith('/assets/'));
      return;
    }
    await send(req, res, index, false);
  });
  return true;
}

/**
 * CSP hashes (`'sha256-...'`) of the inline scripts of the built `index.html` (the route preloader the
 * build writes there), so `script-src` can stay `'self'` plus exactly these scripts.
 */
export function inlineScriptHashes(dist: string): string[] {
  const index = join(resolve(dist), 'index.html');
  if (!dist || !existsSync(index)) return [];
  const html = readFileSync(index, 'utf8');
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    hashes.push(
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '', 'utf8')
        .digest('base64')}'`,
    );
  }
  return hashes;
}
