import type * as Y from 'yjs';
import { applyUpdateV2, mergeUpdatesV2 } from 'yjs';

/** Why a held update was refused; logged, and the socket is closed with 4400. */
export type HoldRefusal = 'missing_after_sync' | 'hold_timeout' | 'hold_too_large';

export interface HoldLimits {
  /** How long a connection's update may wait for its dependencies. */
  maxMs: number;
  /** Bytes of unintegrated updates one connection may have waiting. */
  maxBytes: number;
}

/** One connection's parts that could not be integrated yet, and the messages waiting for them. */
interface Hold {
  /** Transaction origin of the held parts when they integrate (the connection). */
  origin: unknown;
  /** The unintegrated parts (structs and deletions), one Yjs V2 update. */
  rest: Uint8Array;
  waiters: Array<() => void>;
  timer: NodeJS.Timeout;
}

/**
 * Takes what Yjs left pending in a document's store (structs or deletions whose dependencies it lacks) out
 * of it, as one V2 update. Left in the store, Yjs would hand those parts to every new client inside the full
 * state, where they can integrate differently from here.
 */
export function takePending(doc: Y.Doc): Uint8Array | null {
  const { store } = doc;
  const parts: Uint8Array[] = [];
  if (store.pendingStructs) parts.push(store.pendingStructs.update);
  if (store.pendingDs) parts.push(store.pendingDs);
  store.pendingStructs = null;
  store.pendingDs = null;
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : mergeUpdatesV2(parts);
}

/**
 * Updates that arrived before what they build on, per connection of one note.
 *
 * An honest client only builds on what it has, but it can send an edit before the edits it depends on:
 * `@hocuspocus/provider` 3.4.4 sends an edit made right after its socket opens at once, while the edits made
 * offline wait in its queue (or in its sync step 2) until the service answered; and after a crash, clients
 * hold edits the service broadcast but never stored. Such an update is held, not refused: its parts wait
 * here (never in the document, never acknowledged) and are tried again whenever the note changes. Once they
 * integrate, the waiting messages go on to be stored and acknowledged like any other. A client's sync
 * step 2 carries everything it has that the note lacks, so parts still missing after it can only come from a
 * broken or hostile client; so can parts that wait too long or grow too large. Those are refused.
 */
export class DependencyHolds {
  /** By socket id: one socket has one connection per note. */
  private readonly holds = new Map<string, Hold>();

  constructor(
    private readonly limits: HoldLimits,
    private readonly refuse: (socketId: string, reason: HoldRefusal, heldBytes: number) => void,
  ) {}

  get size(): number {
    return this.holds.size;
  }

  /**
   * Holds `rest` (taken from the document after applying a message of `connection`) and returns a promise
   * that resolves once it integrated, or never when it is refused (the connection is closed meanwhile).
   */
  hold(connection: string, origin: unknown, rest: Uint8Array): Promise<void> {
    const existing = this.holds.get(connection);
    const merged = existing ? mergeUpdatesV2([existing.rest, rest]) : rest;
    if (merged.length > this.limits.maxBytes) {
      this.drop(connection, 'hold_too_large', merged.length);
      return new Promise<void>(() => undefined);
    }
    return new Promise<void>((resolve) => {
      if (existing) {
        existing.rest = merged;
        existing.waiters.push(resolve);
        return;
      }
      const timer = setTimeout(() => {
        const h = this.holds.get(connection);
        if (h) this.drop(connection, 'hold_timeout', h.rest.length);
      }, this.limits.maxMs);
      timer.unref();
      this.holds.set(connection, { origin, rest: merged, waiters: [resolve], timer });
    });
  }

  /**
   * Tries every held update again after the document changed; those that integrate release their
   * messages. Applied with the connection as origin, so they are logged like the connection's own writes.
   */
  retry(doc: Y.Doc): void {
    let progress = true;
    // One connection's parts can supply another's dependencies: loop until nothing more integrates.
    while (progress && this.holds.size > 0) {
      progress = false;
      for (const [connection, h] of [...this.holds]) {
        applyUpdateV2(doc, h.rest, h.origin);
        const rest = takePending(doc);
        if (!rest) {
          this.release(connection);
          progress = true;
        } else if (rest.length !== h.rest.length) {
          h.rest = rest;
          progress = true;
        }
      }
    }
  }

  /** After a connection's sync step 2 was applied: whatever it still has held cannot come anymore. */
  synced(connection: string): void {
    const h = this.holds.get(connection);
    if (h) this.drop(connection, 'missing_after_sync', h.rest.length);
  }

  /** Forgets a connection (closed): its waiting messages are never acknowledged, the client resends. */
  forget(connection: string): void {
    const h = this.holds.get(connection);
    if (!h) return;
    clearTimeout(h.timer);
    this.holds.delete(connection);
  }

  private release(connection: string): void {
    const h = this.holds.get(connection);
    if (!h) return;
    clearTimeout(h.timer);
    this.holds.delete(connection);
    for (const w of h.waiters) w();
  }

  private drop(connection: string, reason: HoldRefusal, bytes: number): void {
    this.forget(connection);
    this.refuse(connection, reason, bytes);
  }
}
