import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The encoding to answer with, from `Accept-Encoding` (q-values honoured, `*` understood): the best-rated
 * of `available`, Brotli before gzip on a tie, identity when nothing else is acceptable.
 */
export function negotiateEncoding(
  header: string | string[] | undefined,
  available: readonly Encoding[],
): Encoding {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const q = new Map<string, number>();
  for (const part of text.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const rate = (e: Encoding) => q.get(e) ?? q.get('*') ?? (e === 'identity' ? 0.001 : 0);
  let best: Encoding = 'identity';
  let bestQ = 0;
  for (const e of available) {
    const r = rate(e);
    if (r > bestQ) {
      best = e;
      bestQ = r;
    }
  }
  return best;
}

/** Adds `Accept-Encoding` to `Vary` without losing what is there (CORS adds `Origin`). */
export function varyOnEncoding(res: ServerResponse): void {
  const vary = res.getHeader('vary');
  const current = vary === undefined ? '' : String(vary);
  if (!/accept-encoding/i.test(current))
    res.setHeader('Vary', current ? `${current}, Accept-Encoding` : 'Accept-Encoding');
}

/**
 * Brotli at quality 4 costs about what gzip 6 does and compresses JSON better; the API answers on the hot
 * path, so the highest qualities are left to the prebuilt tab.
 */
export async function compressBody(body: Buffer, encoding: Exclude<Encoding, 'identity'>): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 4,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      })
    : gzipAsync(body, { level: 6 });
}

/**
 * Sends a complete response body, compressed when it is at least `minBytes` long and the client accepts
 * Brotli or gzip. Small bodies go out as they are: compressing them costs more than it saves.
 */
export async function sendBody(
  req: { headers: IncomingHttpHeaders },
  res: ServerResponse,
  status: number,
  body: string | undefined,
  contentType: string,
  minBytes: number,
): Promise<void> {
  if (body === undefined || status === 204) {
    res.writeHead(status);
    res.end();
    return;
  }
  let payload: Buffer = Buffer.from(body, 'utf8');
  const headers: Record<string, string | number> = { 'Content-Type': contentType };
  if (payload.length >= minBytes) {
    varyOnEncoding(res);
    const encoding = negotiateEncoding(req.headers['accept-encoding'], ['br', 'gzip']);
    if (encoding !== 'identity') {
      payload = await compressBody(payload, encoding);
      headers['Content-Encoding'] = encoding;
    }
  }
  headers['Content-Length'] = payload.length;
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, headers);
  res.end(payload);
}
