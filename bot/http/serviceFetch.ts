import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { injectTraceHeaders } from '../telemetry';

/** Connections the bot keeps open to the service; a burst of answers queues beyond this instead of piling up. */
const MAX_SOCKETS = 128;

/**
 * A `fetch` for the bot's calls to the service over Node's own HTTP client with kept-alive connections.
 * Global `fetch` (undici with web streams) cost the bot more CPU per answer than everything else in a
 * burst of 2,000 answers; the typed client only needs status, headers and the body as text.
 */
export function createServiceFetch(): typeof fetch {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
  };
  return async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
    const headers = plainHeaders(init.headers);
    injectTraceHeaders(headers);
    const body = typeof init.body === 'string' ? init.body : undefined;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const options = { method: init.method ?? 'GET', headers, agent, signal: init.signal ?? undefined };
    const attempt = () =>
      new Promise<IncomingMessage>((resolve, reject) => {
        const req = send(url, options, resolve);
        req.on('error', (err: Error) => reject(Object.assign(err, { reused: req.reusedSocket })));
        req.end(body);
      });
    let res: IncomingMessage;
    try {
      res = await attempt();
    } catch (err) {
      // A kept-alive connection the service closed just as it was reused: the request never reached it,
      // so sending it once more on a fresh connection is safe (Node's documented pattern).
      const e = err as NodeJS.ErrnoException & { reused?: boolean };
      if (!e.reused || (e.code !== 'ECONNRESET' && e.code !== 'EPIPE')) throw err;
      res = await attempt();
    }
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    return new ServiceResponse(res, Buffer.concat(chunks).toString('utf8')) as unknown as Response;
  };
}

/** Request headers as a plain lower-cased object; the typed client passes one already. */
function plainHeaders(init: RequestInit['headers']): Record<string, string> {
  if (!init || init instanceof Headers || Array.isArray(init))
    return Object.fromEntries(new Headers(init).entries());
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(init)) out[k.toLowerCase()] = v;
  return out;
}

/**
 * The part of a fetch `Response` the typed client reads (status, headers, text, json). A real Response
 * (undici, with a web stream for its body) cost the bot more CPU per answer than parsing the JSON in it.
 */
class ServiceResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  private headerList: Headers | null = null;

  constructor(
    private readonly res: IncomingMessage,
    private readonly body: string,
  ) {
    this.status = res.statusCode ?? 502;
    this.statusText = res.statusMessage ?? '';
    this.ok = this.status >= 200 && this.status < 300;
  }

  get headers(): Headers {
    if (!this.headerList) {
      this.headerList = new Headers();
      for (const [k, v] of Object.entries(this.res.headers))
        if (typeof v === 'string') this.headerList.set(k, v);
    }
    return this.headerList;
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body) as unknown;
  }
}
