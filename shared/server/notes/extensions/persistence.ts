import type {
  Document,
  Extension,
  afterUnloadDocumentPayload,
  beforeHandleMessagePayload,
  beforeUnloadDocumentPayload,
  onDisconnectPayload,
  onLoadDocumentPayload,
} from '@hocuspocus/server';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { COLLAB_CLOSE } from '../../../contract/collab';
import { halt, noteContext, userKey } from '../connectionContext';
import { DependencyHolds, takePending, type HoldLimits, type HoldRefusal } from '../dependencyHold';
import { ORIGIN, docState, setDocState, type NoteDocState } from '../docState';
import { SYNC, frameOf, isWrite } from '../frames';
import { applyEncoded, applyStored, type NoteStore } from '../noteStore';
import type { GatedSocket } from '../gatedSocket';
import { UpdateLog } from '../updateLog';

export interface PersistenceOptions {
  store: NoteStore;
  log: Logger;
  /** Log rows of a note after which it is compacted into its snapshot. */
  compactRows: number;
  awarenessMaxBytes: number;
  /** Updates that arrive before what they build on wait this long and this large at most (see dependencyHold.ts). */
  hold: HoldLimits;
  /** Edits of a note were stored (automatic versions count activity with it). */
  onStored?: (sessionId: string) => void;
}

/**
 * Durable storage of notes: every accepted update is in the update log before the client is told it was
 * applied, snapshots compact the log, and a note loads as snapshot + log.
 *
 * Durable before acknowledged: Hocuspocus applies a client's update and sends the acknowledgement
 * (SyncStatus) in the same synchronous step, after the `beforeHandleMessage` hooks. So this hook applies
 * the update itself first: the document's update handler appends what actually changed to the log, and the
 * hook waits until that write has committed. Only then does Hocuspocus handle the message, which applies
 * nothing new (Yjs skips what it has) and acknowledges. The same code is correct on SQLite and PostgreSQL,
 * and because writes are grouped, many updates share one commit. A kill -9 at any moment therefore loses
 * only updates that were never acknowledged, and their clients still hold and resend them on reconnect.
 *
 * An update whose dependencies have not arrived yet (a reconnecting provider sends a new edit before its
 * offline ones; after a crash clients hold edits that were broadcast but never stored) is held outside the
 * document and not acknowledged until what it builds on arrives, then stored and acknowledged like any
 * other; one still missing after the client's sync, or held too long or too large, is refused (4400) and the
 * refusal logged with its reason (see `dependencyHold.ts`).
 *
 * Every change that reaches a document here is logged, whatever its origin (a client, a server-side edit,
 * another instance through Redis), except what was itself read from storage: the log always holds what
 * this instance has in memory, which is what any acknowledgement it sends can depend on.
 */
export class PersistenceExtension implements Extension {
  priority = 100;
  extensionName = 'stoa-persistence';
  readonly updates: UpdateLog;
  private readonly loaded = new Map<string, { doc: Document; st: NoteDocState }>();
  private readonly holds = new Map<string, DependencyHolds>();
  /** Sockets by id while they have something held, so a refusal can close the right one. */
  private readonly heldSockets = new Map<string, { socket?: GatedSocket; user: string | null }>();

  constructor(private readonly opts: PersistenceOptions) {
    this.updates = new UpdateLog(opts.store, opts.log, (sessionId, rowId, at) =>
      this.written(sessionId, rowId, at),
    );
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload) {
    // Rows of this note still being written (it was unloaded a moment ago) must be part of what loads.
    await this.updates.whenDurable();
    const stored = await this.opts.store.load(documentName);
    const { bytes, editedAt } = applyStored(document, stored, ORIGIN.load);
    const st: NoteDocState = {
      sessionId: documentName,
      sizeEstimate: bytes,
      rowIds: stored.rows.map((r) => r.id),
      snapshotGen: stored.snapshot?.gen ?? null,
      editedAt,
      compaction: null,
      access: null,
      accessRefresh: null,
    };
    setDocState(document, st);
    this.loaded.set(documentName, { doc: document, st });
    document.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === ORIGIN.load || origin === ORIGIN.compact) return;
      st.sizeEstimate += update.length;
      this.updates.append(documentName, update);
    });
    if (st.rowIds.length >= this.opts.compactRows) void this.compact(document);
  }

  async beforeHandleMessage({ connection, document, update, context, socketId }: beforeHandleMessagePayload) {
    const frame = frameOf(update, this.opts.awarenessMaxBytes);
    if (!isWrite(frame) || !frame.payload) return;
    const ctx = noteContext(context);
    const socket = ctx.socket;
    let held: Promise<void> | null = null;
    try {
      // Decoded whole before anything is applied: Yjs integrates an update's structs before it reads its
      // deletions, so a truncated or corrupt update would otherwise land half-applied, and some such halves
      // leave a note that other replicas cannot load.
      Y.decodeUpdate(frame.payload);
      // Hocuspocus refuses a read-only client's write (SyncStatus false) after decoding it, which is done.
      if (connection.readOnly) return;
      const store = document.store;
      const settled = store.pendingStructs === null && store.pendingDs === null;
      Y.applyUpdate(document, frame.payload, connection);
      if (settled) {
        // Parts that cannot be integrated yet wait outside the document, unacknowledged, for what they
        // build on (see dependencyHold.ts); the note changed, so parts held earlier may integrate now.
        const holds = this.holdsOf(document.name);
        const rest = takePending(document);
        if (rest) {
          this.heldSockets.set(socketId, { socket, user: ctx.principal ? userKey(ctx.principal) : null });
          held = holds.hold(socketId, connection, rest);
        }
        if (holds.size > 0) holds.retry(document);
        if (frame.sync === SYNC.step2) holds.synced(socketId);
      }
    } catch {
      this.refuse(
        document.name,
        socketId,
        socket,
        ctx.principal ? userKey(ctx.principal) : null,
        'malformed',
      );
      return halt();
    }
    if (held) await held;
    await this.updates.whenDurable();
  }

  async onDisconnect({ documentName, socketId }: onDisconnectPayload) {
    // Its held messages are never acknowledged: the client resends their content when it reconnects.
    this.holds.get(documentName)?.forget(socketId);
    this.heldSockets.delete(socketId);
  }

  async beforeUnloadDocument({ document }: beforeUnloadDocumentPayload) {
    await this.compact(document);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
    const entry = this.loaded.get(documentName);
    if (entry?.doc.isDestroyed) {
      this.loaded.delete(documentName);
      this.holds.delete(documentName);
    }
  }

  private holdsOf(documentName: string): DependencyHolds {
    let holds = this.holds.get(documentName);
    if (!holds) {
      holds = new DependencyHolds(this.opts.hold, (socketId, reason, heldBytes) => {
        const entry = this.heldSockets.get(socketId);
        this.heldSockets.delete(socketId);
        this.refuse(documentName, socketId, entry?.socket, entry?.user ?? null, reason, heldBytes);
      });
      this.holds.set(documentName, holds);
    }
    return holds;
  }

  /** Closes a socket whose update cannot be applied (4400) and says why in the log (no note text). */
  private refuse(
    sessionId: string,
    socketId: string,
    socket: GatedSocket | undefined,
    user: string | null,
    reason: HoldRefusal | 'malformed',
    heldBytes?: number,
  ): void {
    this.opts.log.warn({ sessionId, socketId, user, reason, heldBytes }, 'notes: update refused');
    socket?.reject(COLLAB_CLOSE.malformed);
  }

  /** Compacts every loaded note (graceful shutdown). */
  async compactAll(): Promise<void> {
    await Promise.all([...this.loaded.values()].map(({ doc }) => this.compact(doc)));
  }

  private written(sessionId: string, rowId: number, at: number): void {
    const entry = this.loaded.get(sessionId);
    if (!entry || entry.doc.isDestroyed) return;
    entry.st.rowIds.push(rowId);
    entry.st.editedAt = Math.max(entry.st.editedAt, at);
    this.opts.onStored?.(sessionId);
    if (entry.st.rowIds.length >= this.opts.compactRows && !entry.st.compaction) {
      setImmediate(() => void this.compact(entry.doc));
    }
  }

  /**
   * Writes the document's state as the new snapshot and deletes the log rows it is known to contain (rows
   * loaded with it or written from it), in one transaction guarded by the snapshot's generation. A snapshot
   * another instance wrote meanwhile is merged in first, so its content survives ours.
   */
  compact(doc: Document): Promise<void> {
    const st = docState(doc);
    if (!st) return Promise.resolve();
    if (st.compaction) return st.compaction;
    if (st.rowIds.length === 0) return Promise.resolve();
    st.compaction = (async () => {
      try {
        const ids = st.rowIds.slice();
        const current = await this.opts.store.snapshotSince(st.sessionId, st.snapshotGen);
        if (doc.isDestroyed) return;
        if (current?.data)
          applyEncoded(doc, { data: current.data, encoding: current.encoding }, ORIGIN.compact);
        const data = Y.encodeStateAsUpdate(doc);
        const estimateAtEncode = st.sizeEstimate;
        const editedAt = Math.max(st.editedAt, current?.editedAt ?? 0);
        const gen = await this.opts.store.writeSnapshot(
          st.sessionId,
          current?.gen ?? null,
          data,
          editedAt,
          ids,
        );
        if (gen === null) {
          this.opts.log.info({ sessionId: st.sessionId }, 'notes: another instance compacted first');
          return;
        }
        st.snapshotGen = gen;
        const done = new Set(ids);
        st.rowIds = st.rowIds.filter((id) => !done.has(id));
        st.sizeEstimate = data.length + (st.sizeEstimate - estimateAtEncode);
      } catch (err) {
        this.opts.log.error({ err, sessionId: st.sessionId }, 'notes: compaction failed');
      } finally {
        st.compaction = null;
      }
    })();
    return st.compaction;
  }
}
