import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { WebSocket, type RawData } from 'ws';
import { COLLAB_CLOSE } from '../../contract/collab';
import {
  FrameError,
  MSG,
  encodeAwarenessFrame,
  readFrame,
  rememberFrame,
  type AwarenessEntry,
  type Frame,
} from './frames';
import type { MessageBudget } from './messageBudget';

export interface GateConfig {
  maxMessageBytes: number;
  awarenessMaxBytes: number;
  awarenessIntervalMs: number;
  /** Documents one socket may open (Hocuspocus multiplexes documents over a socket). */
  maxDocsPerSocket: number;
  budget: MessageBudget;
  log: Logger;
}

interface CloseEvent {
  code: number;
  reason: string;
}

interface AwarenessThrottle {
  last: number;
  pending: Map<number, AwarenessEntry>;
  timer: NodeJS.Timeout | null;
}

/** A peer that never answers our close frame is cut off after this long. */
const TERMINATE_AFTER_MS = 5000;
/** A socket must authenticate a document this soon after opening. */
const AUTH_TIMEOUT_MS = 15_000;
/**
 * Hocuspocus queues a document's messages until it is authenticated, without bound; the gate bounds what a
 * client may send for a document before that.
 */
const UNAUTHENTICATED_FRAMES_MAX = 64;
const UNAUTHENTICATED_BYTES_MAX = 1024 * 1024;

/** Copies a frame into a buffer of its own: ws may hand out views of a shared pool (see `frames.ts`). */
function exactBytes(data: RawData): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  const buf = Array.isArray(data) ? Buffer.concat(data) : data;
  if (buf.byteOffset === 0 && buf.buffer.byteLength === buf.length) return buf;
  return new Uint8Array(buf);
}

/**
 * What Hocuspocus sees instead of the raw WebSocket: it forwards only frames that passed the gate (size,
 * per-user budget, complete decoding, documents per socket) and merges presence updates to one per
 * interval. Anything refused closes the socket with a typed code from `COLLAB_CLOSE`; nothing a client
 * sends can throw inside Hocuspocus or reach another client.
 */
export class GatedSocket extends EventEmitter {
  /** Hocuspocus sets this; frames are delivered as bytes either way. */
  binaryType = 'nodebuffer';
  /** Whose budget messages are taken from: the user once a document authenticated, this socket before. */
  rateKey = `socket:${randomUUID()}`;
  private readonly docs = new Set<string>();
  private readonly awareness = new Map<string, AwarenessThrottle>();
  private readonly holds = new Map<string, () => void>();
  private readonly authenticated = new Set<string>();
  private readonly unauthenticated = new Map<string, { frames: number; bytes: number }>();
  private readonly authTimer: NodeJS.Timeout;
  private rejected = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly cfg: GateConfig,
  ) {
    super();
    this.authTimer = setTimeout(() => {
      if (this.authenticated.size === 0) this.reject(COLLAB_CLOSE.unauthorized);
    }, AUTH_TIMEOUT_MS);
    this.authTimer.unref();
    ws.on('message', this.onFrame);
    ws.on('pong', () => this.emit('pong'));
    // ws closes the socket itself after a protocol error (bad frame, payload over maxPayload).
    ws.on('error', (err) => cfg.log.debug({ err: err.message }, 'collab socket error'));
    ws.once('close', (code: number, reason: Buffer) => {
      this.cleanup();
      this.emit('close', code, reason);
    });
  }

  get readyState(): number {
    return this.ws.readyState;
  }

  send(data: Uint8Array, cb?: (err?: Error) => void): void {
    this.ws.send(data, cb);
  }

  ping(): void {
    this.ws.ping();
  }

  close(code?: number, reason?: string): void {
    this.ws.close(code, reason);
  }

  /** Closes the socket with a typed code; later frames are ignored. */
  reject(event: CloseEvent): void {
    if (this.rejected) return;
    this.rejected = true;
    // Every refusal is logged with its reason (never frame content); shutdown closes are routine.
    const level = event.code === COLLAB_CLOSE.goingAway.code ? 'debug' : 'info';
    this.cfg.log[level](
      { code: event.code, reason: event.reason, user: this.rateKey },
      'notes: socket refused',
    );
    for (const t of this.awareness.values()) if (t.timer) clearTimeout(t.timer);
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(event.code, event.reason);
    }
    setTimeout(() => this.ws.terminate(), TERMINATE_AFTER_MS).unref();
  }

  /** Called once a document on this socket passed authentication: its frames are no longer held to the bounds. */
  markAuthenticated(doc: string): void {
    this.authenticated.add(doc);
    this.unauthenticated.delete(doc);
    clearTimeout(this.authTimer);
  }

  /** Keeps a connection slot for a document until the document's connection or the socket closes. */
  hold(doc: string, release: () => void): void {
    this.holds.get(doc)?.();
    this.holds.set(doc, release);
  }

  /** The document's connection closed: its slot is free and it must authenticate again. */
  release(doc: string): void {
    this.holds.get(doc)?.();
    this.holds.delete(doc);
    this.authenticated.delete(doc);
  }

  private cleanup(): void {
    clearTimeout(this.authTimer);
    for (const t of this.awareness.values()) if (t.timer) clearTimeout(t.timer);
    this.awareness.clear();
    for (const release of this.holds.values()) release();
    this.holds.clear();
  }

  private readonly onFrame = (data: RawData, isBinary: boolean): void => {
    if (this.rejected) return;
    if (!isBinary) return this.reject(COLLAB_CLOSE.malformed);
    const bytes = exactBytes(data);
    if (bytes.length > this.cfg.maxMessageBytes) return this.reject(COLLAB_CLOSE.messageTooBig);
    if (!this.cfg.budget.take(this.rateKey)) return this.reject(COLLAB_CLOSE.rateLimited);
    let frame: Frame;
    try {
      frame = readFrame(bytes, this.cfg.awarenessMaxBytes);
    } catch (err) {
      const tooBig = err instanceof FrameError && err.kind === 'messageTooBig';
      return this.reject(tooBig ? COLLAB_CLOSE.messageTooBig : COLLAB_CLOSE.malformed);
    }
    if (!this.docs.has(frame.doc)) {
      if (this.docs.size >= this.cfg.maxDocsPerSocket) return this.reject(COLLAB_CLOSE.tooManyConnections);
      this.docs.add(frame.doc);
    }
    if (!this.authenticated.has(frame.doc)) {
      const held = this.unauthenticated.get(frame.doc) ?? { frames: 0, bytes: 0 };
      held.frames += 1;
      held.bytes += bytes.length;
      this.unauthenticated.set(frame.doc, held);
      if (held.frames > UNAUTHENTICATED_FRAMES_MAX || held.bytes > UNAUTHENTICATED_BYTES_MAX) {
        return this.reject(COLLAB_CLOSE.unauthorized);
      }
    }
    if (frame.awareness) return this.throttleAwareness(frame.doc, frame.awareness);
    rememberFrame(bytes, frame);
    this.emit('message', bytes);
  };

  /**
   * Presence is re-broadcast to every client of the note (N^2 traffic), so each connection forwards at
   * most one merged update per interval: the newest state of every client id it carried.
   */
  private throttleAwareness(doc: string, entries: AwarenessEntry[]): void {
    let t = this.awareness.get(doc);
    if (!t) {
      t = { last: 0, pending: new Map(), timer: null };
      this.awareness.set(doc, t);
    }
    for (const e of entries) {
      const prev = t.pending.get(e.clientId);
      if (!prev || prev.clock <= e.clock) t.pending.set(e.clientId, e);
    }
    if (t.timer) return;
    const wait = t.last + this.cfg.awarenessIntervalMs - Date.now();
    if (wait <= 0) return this.forwardAwareness(doc, t);
    const throttle = t;
    t.timer = setTimeout(() => {
      throttle.timer = null;
      this.forwardAwareness(doc, throttle);
    }, wait);
  }

  private forwardAwareness(doc: string, t: AwarenessThrottle): void {
    if (this.rejected || t.pending.size === 0 || this.ws.readyState !== WebSocket.OPEN) return;
    const bytes = encodeAwarenessFrame(doc, t.pending.values());
    t.pending.clear();
    t.last = Date.now();
    rememberFrame(bytes, { doc, type: MSG.awareness });
    this.emit('message', bytes);
  }
}
