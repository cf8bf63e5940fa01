import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

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
    const headers = Object.fromEntries(new Headers(init.headers).entries());
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
    const responseHeaders = new Headers();
    for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') responseHeaders.set(k, v);
    const status = res.statusCode ?? 502;
    // Statuses without a body may not carry one in a Response.
    const text = status === 204 || status === 304 ? null : Buffer.concat(chunks).toString('utf8');
    return new Response(text, { status, headers: responseHeaders });
  };
}
