import { Document, OutgoingMessage } from '@hocuspocus/server';
import * as Y from 'yjs';
import { AWARENESS_CLIENTS_MAX } from './frames';

/**
 * Coalesced broadcasting for busy notes. Hocuspocus sends every applied update to every connection of the
 * note at once, and encodes every presence change once per connection: with a lecture hall on one note
 * that is (typists x keystrokes x readers) socket writes a second. Here a note that has sent nothing for
 * `windowMs` still sends at once (a lone typist waits for nothing); otherwise updates and presence changes
 * collect until the window ends and go out as one merged update and one presence message, each encoded
 * once for all connections. Hooks that see single updates (persistence, Redis, `onChange`) still see each
 * one as it is applied, so durability and scale-out do not change.
 */

interface DocumentInternals {
  callbacks: { onUpdate(document: Document, connection: unknown, update: Uint8Array): void };
  connections: Map<unknown, { clients: Set<number> }>;
  handleUpdate: (this: Document, update: Uint8Array, connection: unknown) => Document;
  handleAwarenessUpdate: (this: Document, change: AwarenessChange, origin: unknown) => Document;
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/** One note's broadcast window: what arrived while it was open. */
class BroadcastWindow {
  private updates: Uint8Array[] = [];
  private readonly clients = new Set<number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly doc: Document,
    private readonly windowMs: number,
    private readonly minConnections: number,
  ) {}

  update(update: Uint8Array): void {
    if (this.timer) this.updates.push(update);
    else {
      this.sendUpdate(update);
      this.open();
    }
  }

  awareness(changed: number[]): void {
    if (this.timer) for (const id of changed) this.clients.add(id);
    else {
      this.sendAwareness(changed);
      this.open();
    }
  }

  /** A small note sends every message at once: there the window would only add latency. */
  private open(): void {
    if (this.doc.getConnectionsCount() < this.minConnections) return;
    this.timer = setTimeout(() => this.close(), this.windowMs);
  }

  private close(): void {
    this.timer = null;
    const updates = this.updates;
    const clients = [...this.clients];
    this.updates = [];
    this.clients.clear();
    if (this.doc.isDestroyed || (updates.length === 0 && clients.length === 0)) return;
    if (updates.length > 0) this.sendUpdate(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
    if (clients.length > 0) this.sendAwareness(clients);
    // What was just sent opens the next window, so a steady stream stays at one message per window.
    this.open();
  }

  private sendUpdate(update: Uint8Array): void {
    this.sendAll(new OutgoingMessage(this.doc.name).createSyncMessage().writeUpdate(update).toUint8Array());
  }

  /**
   * Presence in messages of at most AWARENESS_CLIENTS_MAX clients: `@hocuspocus/provider` sends every
   * presence change it applies back to the server, and the gate refuses larger presence frames.
   */
  private sendAwareness(clients: number[]): void {
    for (let i = 0; i < clients.length; i += AWARENESS_CLIENTS_MAX) {
      const message = new OutgoingMessage(this.doc.name).createAwarenessUpdateMessage(
        this.doc.awareness,
        clients.slice(i, i + AWARENESS_CLIENTS_MAX),
      );
      this.sendAll(message.toUint8Array());
    }
  }

  private sendAll(bytes: Uint8Array): void {
    for (const connection of this.doc.getConnections()) connection.send(bytes);
  }
}

const windows = new WeakMap<Document, BroadcastWindow>();

/**
 * Broadcasts of `doc` go through a window of `windowMs` from now on, whenever it has at least
 * `minConnections` connections; a window of 0 keeps Hocuspocus' own sending.
 */
export function coalesceBroadcasts(doc: Document, windowMs: number, minConnections = 0): void {
  if (windowMs > 0 && !windows.has(doc)) windows.set(doc, new BroadcastWindow(doc, windowMs, minConnections));
}

let installed = false;

/**
 * Routes Hocuspocus' broadcasting through the windows above, for notes given one. Documents bind their
 * handlers when they are constructed, so this runs before the first note is created (once per process);
 * a note without a window keeps the original behaviour exactly.
 */
export function installCoalescedBroadcast(): void {
  if (installed) return;
  installed = true;
  const proto = Document.prototype as unknown as DocumentInternals;
  const originalUpdate = proto.handleUpdate;
  const originalAwareness = proto.handleAwarenessUpdate;
  proto.handleUpdate = function (update, connection) {
    const window = windows.get(this);
    if (!window) return originalUpdate.call(this, update, connection);
    (this as unknown as DocumentInternals).callbacks.onUpdate(this, connection, update);
    window.update(update);
    return this;
  };
  proto.handleAwarenessUpdate = function (change, origin) {
    const window = windows.get(this);
    if (!window) return originalAwareness.call(this, change, origin);
    // Which socket announced which clients: Hocuspocus clears their presence when that socket goes.
    const entry =
      origin === null ? undefined : (this as unknown as DocumentInternals).connections.get(origin);
    change.added.forEach((id) => entry?.clients.add(id));
    change.removed.forEach((id) => entry?.clients.delete(id));
    window.awareness([...change.added, ...change.updated, ...change.removed]);
    return this;
  };
}
