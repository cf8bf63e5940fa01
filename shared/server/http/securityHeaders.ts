import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Next, Request, Response, Server } from 'restify';

export interface SecurityHeaderOptions {
  /** CSP `frame-ancestors` sources: who may put the tab in a frame (Teams, Microsoft 365). */
  frameAncestors: readonly string[];
  /** Origins (besides our own) whose pages may call the API (CORS); `*` is refused by design. */
  corsOrigins: readonly string[];
  /** `Strict-Transport-Security` max-age; 0 or not behind TLS: none. */
  hstsMaxAgeSeconds: number;
  /** The public URL: HSTS only makes sense when people reach us over https. */
  publicUrl: string | undefined;
  /** Hashes of the tab's own inline scripts (`'sha256-...'`), allowed beside `'self'`. */
  scriptHashes?: readonly string[];
}

/**
 * The tab's policy. Scripts only from our origin, plus the build's own inline scripts by hash. Styles need
 * `'unsafe-inline'`: Fluent UI (Griffel) inserts style elements at run time and KaTeX and ProseMirror set
 * style attributes. Images may be data/blob URLs (QR codes, pasted images); `connect-src 'self'` covers the
 * API, the event stream and the notes WebSocket on the same host.
 */
export function contentSecurityPolicy(
  frameAncestors: readonly string[],
  scriptHashes: readonly string[] = [],
): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptHashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

/** Features a notes and rounds tab never uses; Teams grants frames nothing beyond what we ask anyway. */
const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'bluetooth=()',
  'hid=()',
  'midi=()',
  'accelerometer=()',
  'gyroscope=()',
  'magnetometer=()',
  'browsing-topics=()',
  'clipboard-read=()',
  'clipboard-write=(self)',
  'fullscreen=(self)',
].join(', ');

const CORS_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
const CORS_HEADERS = 'Authorization, Content-Type, Last-Event-ID';
const CORS_EXPOSED = 'X-Request-Id, Retry-After';

const heads = new WeakSet<Request>();

/** True when the client sent HEAD (the request is routed as GET, see `installSecurityHeaders`). */
export function isHeadRequest(req: Request): boolean {
  return heads.has(req);
}

function allowedOrigin(headers: IncomingHttpHeaders, allowed: ReadonlySet<string>): string | null {
  const origin = headers.origin;
  return typeof origin === 'string' && allowed.has(origin) ? origin : null;
}

/**
 * Security headers on every response, an explicit CORS policy (none but the listed origins; preflights
 * answered here, before routing), and HEAD wherever GET exists: a HEAD request is routed as GET, and Node
 * sends no body for it. A HEAD of an event stream ends once its headers are out.
 */
export function installSecurityHeaders(server: Server, o: SecurityHeaderOptions): void {
  const csp = contentSecurityPolicy(o.frameAncestors, o.scriptHashes);
  const hsts =
    o.hstsMaxAgeSeconds > 0 && o.publicUrl?.startsWith('https:')
      ? `max-age=${o.hstsMaxAgeSeconds}; includeSubDomains`
      : null;
  const origins = new Set(o.corsOrigins.filter((x) => x !== '*'));
  server.pre((req: Request, res: Response, next: Next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin-allow-popups');
    if (hsts) res.setHeader('Strict-Transport-Security', hsts);

    const origin = allowedOrigin(req.headers, origins);
    if (req.headers.origin !== undefined) res.setHeader('Vary', 'Origin');
    if (origin) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED);
    }
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      // A preflight: allowed origins learn what they may send; others get no grant and the browser refuses.
      if (origin) {
        res.setHeader('Access-Control-Allow-Methods', CORS_METHODS);
        res.setHeader('Access-Control-Allow-Headers', CORS_HEADERS);
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.send(204);
      next(false);
      return;
    }
    if (req.method === 'HEAD') {
      heads.add(req);
      req.method = 'GET';
      const writeHead = res.writeHead.bind(res) as (code: number, headers?: OutgoingHttpHeaders) => void;
      (res as { writeHead: unknown }).writeHead = (code: number, headers?: OutgoingHttpHeaders) => {
        writeHead(code, headers);
        const type = String(res.getHeader('content-type') ?? headers?.['Content-Type'] ?? '');
        if (type.startsWith('text/event-stream')) {
          // The stream's handler goes on writing (replay, heartbeats) until the close reaches it: those
          // writes must not land on an ended response, where Node reports them as errors.
          (res as { write: unknown }).write = () => true;
          setImmediate(() => res.end());
        }
        return res;
      };
    }
    next();
  });
}
