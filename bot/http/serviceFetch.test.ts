import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createServiceFetch } from './serviceFetch';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server?.closeAllConnections();
  server = undefined;
});

/** A local server; `handle` decides per request, knowing how many requests its connection carried. */
async function serve(
  handle: (req: { method: string; body: string; nth: number }, res: ServerResponse) => void,
) {
  server = createServer((req, res) => {
    const socket = req.socket as typeof req.socket & { served?: number };
    socket.served = (socket.served ?? 0) + 1;
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => handle({ method: req.method ?? '', body, nth: socket.served! }, res));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('service fetch', () => {
  it('sends method, headers and body and returns status, headers and text', async () => {
    const url = await serve((req, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-echo': req.method });
      res.end(JSON.stringify({ got: req.body }));
    });
    const res = await createServiceFetch()(`${url}/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(res.status).toBe(201);
    expect(res.ok).toBe(true);
    expect(res.headers.get('x-echo')).toBe('POST');
    expect(await res.json()).toEqual({ got: '{"a":1}' });
  });

  it('sends a request again when a kept-alive connection was closed under it', async () => {
    // The second request on a connection finds it closed, as when the service's keep-alive ran out.
    const url = await serve((req, res) => {
      if (req.nth === 2) {
        res.socket?.destroy();
        return;
      }
      res.end(`ok ${req.nth}`);
    });
    const f = createServiceFetch();
    expect(await (await f(`${url}/a`)).text()).toBe('ok 1');
    expect(await (await f(`${url}/b`, { method: 'POST', body: 'x' })).text()).toBe('ok 1');
  });

  it('gives up when the caller aborts (the client turns that into a network error)', async () => {
    const url = await serve(() => undefined);
    await expect(createServiceFetch()(`${url}/slow`, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
  });

  it('rejects when nothing listens', async () => {
    await expect(createServiceFetch()('http://127.0.0.1:9/x')).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
