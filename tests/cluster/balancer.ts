import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Balancer {
  /** `http://127.0.0.1:port`, for clients that should land on any live instance. */
  url: string;
  /** Stops sending new connections to an instance (it was killed). */
  down(port: number): void;
  close(): Promise<void>;
}

/**
 * A TCP load balancer on loopback, as in front of a real deployment: each new connection goes to the next
 * instance in turn, skipping those marked down and those that refuse the connection. A connection whose
 * instance dies is cut, so its client reconnects and lands on another.
 */
export async function startBalancer(ports: number[]): Promise<Balancer> {
  const down = new Set<number>();
  const sockets = new Set<Socket>();
  let next = 0;
  const track = (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };
  const server: Server = createServer((client) => {
    track(client);
    client.on('error', () => client.destroy());
    const tryPort = (attempt: number) => {
      const live = ports.filter((p) => !down.has(p));
      if (live.length === 0 || attempt >= ports.length) return client.destroy();
      const port = live[next++ % live.length]!;
      const upstream = connect(port, '127.0.0.1');
      track(upstream);
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        client.pipe(upstream);
        upstream.pipe(client);
      });
      upstream.on('error', () => undefined);
      // Refused before connecting: the next instance. Cut after connecting: the client reconnects.
      upstream.once('close', () => (connected ? client.destroy() : tryPort(attempt + 1)));
      client.once('close', () => upstream.destroy());
    };
    tryPort(0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    down: (p) => down.add(p),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
