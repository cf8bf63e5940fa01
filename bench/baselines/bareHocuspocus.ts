/**
 * Anchor for the notes benchmarks: a bare Hocuspocus 3 server (no authentication, no persistence, no
 * limits) on loopback. Any path and document name is accepted; `GET /` answers once it listens.
 */
import { Server } from '@hocuspocus/server';

const server = new Server({ port: Number(process.env.PORT ?? 0), address: '127.0.0.1', quiet: true });
await server.listen();
