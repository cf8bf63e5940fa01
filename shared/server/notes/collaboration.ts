import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { WebSocketServer, type WebSocket } from 'ws';
import { COLLAB_CLOSE, COLLAB_PATH } from '../../contract/collab';
import type { AppContext } from '../context';
import type { NoteContext } from './connectionContext';
import { coalesceBroadcasts, installCoalescedBroadcast } from './broadcast';
import { AuthenticationExtension } from './extensions/authentication';
import { LimitsExtension } from './extensions/limits';
import { PersistenceExtension } from './extensions/persistence';
import { GatedSocket } from './gatedSocket';
import { MessageBudget } from './messageBudget';
import { NoteService } from './noteService';
import { NoteStore } from './noteStore';
import { warmUpYjs } from './warmUp';

export interface Collaboration {
  hocuspocus: Hocuspocus;
  notes: NoteService;
  /** Resolves when every update accepted so far is stored. */
  flush(): Promise<void>;
  /** Refuses new sockets, closes open ones (1001), stores and compacts open notes, disconnects Redis. */
  close(): Promise<void>;
}

/** Documents one socket may open; the tab opens one note per socket. */
const MAX_DOCS_PER_SOCKET = 4;

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

/**
 * Attaches the notes collaboration server (Hocuspocus, protocol of `@hocuspocus/provider` 3) to the service's
 * HTTP server at `/collab`, and puts the note service on the app context (`app.notes`). The extensions,
 * in hook order: Redis scale-out when REDIS_URL is set, authentication, limits, persistence.
 */
export async function attachCollaboration(app: AppContext, httpServer: HttpServer): Promise<Collaboration> {
  const { env, log } = app;
  const store = new NoteStore(app.storage.database.db);
  const awarenessMaxBytes = env.NOTES_AWARENESS_MAX_BYTES;
  const authentication = new AuthenticationExtension({
    verifyToken: (token) => app.verifyToken(token),
    stores: app.storage,
    store,
    log,
    awarenessMaxBytes,
  });
  const limits = new LimitsExtension({
    maxDocumentBytes: env.NOTES_MAX_DOCUMENT_BYTES,
    maxConnectionsPerDoc: env.NOTES_MAX_CONNECTIONS_PER_DOC,
    maxConnectionsPerUser: env.NOTES_MAX_CONNECTIONS_PER_USER,
    awarenessMaxBytes,
  });
  const persistence = new PersistenceExtension({
    store,
    log,
    compactRows: env.NOTES_COMPACT_ROWS,
    awarenessMaxBytes,
    // One message's worth: a reconnect's first edit is small, its offline edits come in the sync.
    hold: { maxMs: env.NOTES_HOLD_MS, maxBytes: env.NOTES_MAX_MESSAGE_BYTES },
    // Called after the note service exists: edits arrive only once the server listens.
    onStored: (sessionId) => notes.auto.activity(sessionId),
  });
  installCoalescedBroadcast();
  // Before the service listens: the first note loaded after a start should not run Yjs in the interpreter.
  if (env.NOTES_WARM_UP) warmUpYjs(8, 1000);
  const broadcastWindowMs = env.NOTES_BROADCAST_WINDOW_MS;
  const broadcast: Extension = {
    extensionName: 'stoa-broadcast',
    afterLoadDocument: async ({ document }) =>
      coalesceBroadcasts(document, broadcastWindowMs, env.NOTES_BROADCAST_MIN_CONNECTIONS),
  };
  const extensions: Extension[] = [authentication, limits, persistence, broadcast];
  let publishAccess: ((sessionId: string) => void) | undefined;
  if (env.REDIS_URL) {
    // Loaded only when configured: the Redis client libraries add half a second to every start.
    const { createRedisExtension } = await import('./extensions/redis');
    const redis = createRedisExtension(env.REDIS_URL, log);
    extensions.push(redis.extension);
    app.readinessChecks.set('notes-redis', () => redis.ping());
    publishAccess = (sessionId) => redis.publishAccess(sessionId);
    // Runs once the note service below exists; messages only come after the service listens.
    redis.onAccess((sessionId) => void notes.refreshAccess(sessionId));
  }

  const hocuspocus = new Hocuspocus({
    name: 'stoa-notes',
    quiet: true,
    // Storage does not use onStoreDocument (see persistence.ts); it only drives Redis' store lock.
    debounce: 10_000,
    maxDebounce: 60_000,
    extensions,
  });
  const notes = new NoteService({
    hocuspocus,
    store,
    updates: persistence.updates,
    authentication,
    maxDocumentBytes: env.NOTES_MAX_DOCUMENT_BYTES,
    log,
    autoVersionMs: env.NOTES_AUTO_VERSION_MS,
    autoVersionsKeep: env.NOTES_AUTO_VERSIONS_KEEP,
    ...(publishAccess ? { publishAccess } : {}),
  });
  app.notes = notes;

  const budget = new MessageBudget(env.NOTES_RATE_PER_SECOND, env.NOTES_RATE_BURST);
  // ws refuses larger frames itself (1009); between the limit and this the gate answers 4413.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 2 * env.NOTES_MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
    clientTracking: false,
  });
  wss.on('error', (err) => log.warn({ err }, 'notes: WebSocket server error'));
  const sockets = new Set<GatedSocket>();
  let closing = false;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path !== COLLAB_PATH && !path.startsWith(`${COLLAB_PATH}/`)) {
      // Nobody else takes upgrades: answer instead of leaving the socket hanging.
      if (httpServer.listenerCount('upgrade') === 1) socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    if (closing) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\n\r\n');
      return;
    }
    socket.on('error', () => undefined);
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const gated = new GatedSocket(ws, {
        maxMessageBytes: env.NOTES_MAX_MESSAGE_BYTES,
        awarenessMaxBytes,
        awarenessIntervalMs: env.NOTES_AWARENESS_INTERVAL_MS,
        maxDocsPerSocket: MAX_DOCS_PER_SOCKET,
        budget,
        log,
      });
      sockets.add(gated);
      gated.once('close', () => sockets.delete(gated));
      const context: NoteContext = { socket: gated };
      // Hocuspocus only uses the WebSocket surface the gate implements (send, close, ping, events).
      hocuspocus.handleConnection(gated as unknown as WebSocket, req, context);
    });
  };
  httpServer.on('upgrade', onUpgrade);

  let closed: Promise<void> | null = null;
  return {
    hocuspocus,
    notes,
    flush: () => persistence.updates.whenDurable(),
    close: () =>
      (closed ??= (async () => {
        closing = true;
        httpServer.off('upgrade', onUpgrade);
        for (const s of sockets) s.reject(COLLAB_CLOSE.goingAway);
        try {
          await until(() => sockets.size === 0, 3000);
          // Closing sockets unloads their notes, which compacts them; wait for that, then for the log.
          await until(
            () => hocuspocus.documents.size === 0 && hocuspocus.unloadingDocuments.size === 0,
            5000,
          );
          await persistence.compactAll();
          await notes.auto.settled();
          await Promise.race([persistence.updates.whenDurable(), new Promise((r) => setTimeout(r, 10_000))]);
          await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
        } catch (err) {
          // The service still closes its server and database after this.
          log.error({ err }, 'notes: shutdown did not finish cleanly');
        } finally {
          wss.close();
        }
      })()),
  };
}
