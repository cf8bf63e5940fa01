import * as decoding from 'lib0/decoding';

/** Hocuspocus message types and y-protocols sync sub-types this counter reads. */
const SYNC = 0;
const SYNC_STATUS = 8;
const STEP2 = 1;
const UPDATE = 2;

function bytesOf(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/** The message type (and the sync sub-type or status flag after it) of a Hocuspocus frame, or null. */
function head(data: unknown): { type: number; next: number } | null {
  const bytes = bytesOf(data);
  if (!bytes) return null;
  try {
    const d = decoding.createDecoder(bytes);
    decoding.readVarString(d);
    const type = decoding.readVarUint(d);
    return { type, next: decoding.readVarUint(d) };
  } catch {
    return null;
  }
}

/** A frame that carries document content: the service answers each with one SyncStatus. */
export function isWriteFrame(data: unknown): boolean {
  const h = head(data);
  return h !== null && h.type === SYNC && (h.next === STEP2 || h.next === UPDATE);
}

/** The service's SyncStatus(true): a write was applied and stored. */
export function isAppliedAck(data: unknown): boolean {
  const h = head(data);
  return h !== null && h.type === SYNC_STATUS && h.next === 1;
}

export interface AckListener {
  /** A new socket was created: frames of the previous one can no longer be answered. */
  socket(): void;
  write(): void;
  ack(): void;
}

interface SocketLike {
  send(data: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
type SocketClass = new (url: string, protocols?: string | string[]) => SocketLike;

/**
 * A WebSocket class for the provider that counts the write frames it actually puts on the wire and the
 * service's SyncStatus(true) answers to them. The provider's own `unsyncedChanges` can reach 0 before the
 * service confirmed everything (it resets to 1 on every reconnect, and its queue can be dropped), so
 * "saved" is decided from these counts instead.
 */
export function countingWebSocket(Base: SocketClass, listener: AckListener): SocketClass {
  return class CountingWebSocket extends Base {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      listener.socket();
      this.addEventListener('message', (event) => {
        if (isAppliedAck(event.data)) listener.ack();
      });
    }

    override send(data: unknown): void {
      super.send(data);
      if (isWriteFrame(data)) listener.write();
    }
  };
}
