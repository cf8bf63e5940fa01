import type { Logger } from 'pino';
import { encodeUpdates } from './frames';
import { isForeignKeyViolation, type LogRow, type NoteStore } from './noteStore';

interface Batch {
  /** Updates per session, in the order they were applied. */
  entries: Map<string, Uint8Array[]>;
  done: Promise<void>;
  resolve: () => void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  return { entries: new Map(), done, resolve };
}

const RESOLVED = Promise.resolve();
const BACKOFF_MAX_MS = 5000;

/**
 * The append-only update log with group commit. Updates are appended synchronously (from a document's
 * update handler) into the open batch; one write at a time takes the whole batch into one statement (one
 * row per session), so under load a write carries everything that arrived while the previous one ran.
 * `whenDurable()` resolves once everything appended so far is committed. A failed write is retried with
 * backoff and its waiters keep waiting: nothing is acknowledged that is not stored.
 */
export class UpdateLog {
  private open: Batch | null = null;
  private writing: Batch | null = null;
  private scheduled = false;
  private failures = 0;

  constructor(
    private readonly store: NoteStore,
    private readonly log: Logger,
    /** Called for each committed row: the persistence extension tracks rows for compaction. */
    private readonly onWritten: (sessionId: string, rowId: number, at: number) => void,
  ) {}

  append(sessionId: string, update: Uint8Array): void {
    const batch = (this.open ??= newBatch());
    const list = batch.entries.get(sessionId);
    if (list) list.push(update);
    else batch.entries.set(sessionId, [update]);
    this.schedule();
  }

  /** Resolves when every update appended before the call is committed. */
  whenDurable(): Promise<void> {
    return this.open?.done ?? this.writing?.done ?? RESOLVED;
  }

  /** Whether updates wait to be written. */
  get pending(): boolean {
    return this.open !== null || this.writing !== null;
  }

  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    // setImmediate, not a microtask: every frame of the current socket read is appended before the write.
    setImmediate(() => {
      this.scheduled = false;
      void this.writeNext();
    });
  }

  private async writeNext(): Promise<void> {
    const batch = this.open;
    if (!batch || this.writing) return;
    this.open = null;
    this.writing = batch;
    try {
      const failed = await this.write(batch.entries);
      if (failed.size === 0) {
        this.failures = 0;
        batch.resolve();
      } else {
        this.failures += 1;
        // Failed rows go first into the next batch; this batch's waiters resolve when that one does.
        const next = newBatch();
        for (const [id, list] of failed) next.entries.set(id, list);
        // Appended while the write ran (TypeScript keeps `this.open` narrowed to null across the await).
        const later = this.open as Batch | null;
        for (const [id, list] of later?.entries ?? []) {
          next.entries.set(id, [...(next.entries.get(id) ?? []), ...list]);
        }
        this.open = next;
        void next.done.then(() => {
          batch.resolve();
          later?.resolve();
        });
        await new Promise((r) => setTimeout(r, Math.min(BACKOFF_MAX_MS, 50 * 2 ** this.failures)));
      }
    } finally {
      this.writing = null;
      if (this.open) this.schedule();
    }
  }

  /** Writes the entries; returns those that could not be written (to retry). */
  private async write(entries: Map<string, Uint8Array[]>): Promise<Map<string, Uint8Array[]>> {
    const at = Date.now();
    const rows: LogRow[] = [...entries].map(([session_id, list]) => ({
      session_id,
      data: encodeUpdates(list),
      update_count: list.length,
      created_at: at,
    }));
    try {
      for (const r of await this.store.appendRows(rows)) this.onWritten(r.session_id, r.id, at);
      return new Map();
    } catch (err) {
      this.log.warn({ err, rows: rows.length }, 'notes: update log write failed; retrying row by row');
    }
    // One bad row (its session was deleted meanwhile) must not hold back the others.
    const failed = new Map<string, Uint8Array[]>();
    for (const row of rows) {
      try {
        for (const r of await this.store.appendRows([row])) this.onWritten(r.session_id, r.id, at);
      } catch (err) {
        if (isForeignKeyViolation(err)) {
          this.log.warn({ sessionId: row.session_id }, 'notes: dropped updates of a deleted session');
        } else {
          failed.set(row.session_id, entries.get(row.session_id)!);
          this.log.error({ err, sessionId: row.session_id }, 'notes: update log write failed');
        }
      }
    }
    return failed;
  }
}
