import type { Request } from 'restify';
import { operations } from '../../../contract/api';
import { canFacilitate } from '../../../contract/classes';
import { EVENT_STREAM_HEARTBEAT_MS, type SessionEventEnvelope } from '../../../contract/events';
import { subjectHash } from '../../auth/revocations';
import { loadSessionAccess } from '../../commands/access';
import type { AppContext } from '../../context';
import type { StoredEvent } from '../../events/eventStore';
import { mayReceive } from '../../events/sessionEvents';
import { bindOperation } from '../../http/route';

/** A client that reads this slowly is dropped; it reconnects and resumes from its last event id. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

function resumeFrom(req: Request, since: number | undefined): number | null {
  const header = req.headers['last-event-id'];
  const raw = typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
  return raw ?? since ?? null;
}

// One event object reaches every local stream of a session: serialise it once, not once per subscriber.
const frames = new WeakMap<StoredEvent, string>();

function frame(e: StoredEvent): string {
  let text = frames.get(e);
  if (text === undefined) {
    const envelope: SessionEventEnvelope = { id: e.id, sessionId: e.sessionId, at: e.at, event: e.event };
    text = `id: ${e.id}\ndata: ${JSON.stringify(envelope)}\n\n`;
    frames.set(e, text);
  }
  return text;
}

/** `GET /sessions/:id/events`: server-sent events filtered per viewer, resumable with `Last-Event-ID`. */
export function eventRoutes(app: AppContext): void {
  bindOperation(
    app.server,
    app.routeDeps,
    operations.streamSessionEvents,
    async ({ principal, params, query, req, res }) => {
      const access = await loadSessionAccess(app.storage, principal, params.sessionId);
      const viewer = { userId: principal.userId, facilitator: canFacilitate(access.role) };
      const sessionId = access.session.id;
      const events = app.events;

      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write(`retry: 2000\n: stream of ${sessionId}\n\n`);

      let lastSent = 0;
      let replaying = true;
      const pending: StoredEvent[] = [];
      const send = (e: StoredEvent) => {
        if (e.id <= lastSent || !mayReceive(e.audience, viewer)) return;
        lastSent = e.id;
        res.write(frame(e));
        if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
      };
      // Subscribe before reading the log, so nothing published in between is missed; duplicates are dropped by id.
      const unsubscribe = events.subscribe(sessionId, (e) => (replaying ? pending.push(e) : send(e)));
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), EVENT_STREAM_HEARTBEAT_MS);

      let stopEnd = () => {};
      let stopUserEnd = () => {};
      const closed = new Promise<void>((resolve) => {
        req.once('close', resolve);
        res.once('close', resolve);
        // The session was deleted (retention): the stream is cut, and a reconnect finds no session.
        // Destroyed rather than ended, so a write still under way (replay, heartbeat) is dropped quietly.
        stopEnd = events.onEnd(sessionId, () => {
          res.destroy();
          resolve();
        });
        // The viewer was erased: their stream ends at once; their token is refused from now on.
        stopUserEnd = events.onUserEnd(subjectHash(principal.tenantId, principal.userId), () => {
          res.destroy();
          resolve();
        });
      });
      try {
        const from = resumeFrom(req, query.since);
        if (from === null) {
          lastSent = await events.store.latestId(sessionId);
        } else {
          lastSent = from;
          for (let batch = await events.store.since(sessionId, from); batch.length > 0;) {
            for (const e of batch) send(e);
            const last = batch[batch.length - 1]!.id;
            batch = batch.length < 500 ? [] : await events.store.since(sessionId, last);
          }
        }
        replaying = false;
        for (const e of pending.splice(0)) send(e);
        res.write(`event: ready\ndata: ${JSON.stringify({ lastEventId: lastSent, role: access.role })}\n\n`);
        await closed;
      } finally {
        unsubscribe();
        stopEnd();
        stopUserEnd();
        clearInterval(heartbeat);
      }
      return undefined as never;
    },
  );
}
