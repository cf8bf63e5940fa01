import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** Hocuspocus message types (the first varUint after the document name). */
export const MSG = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  syncReply: 4,
  stateless: 5,
  broadcastStateless: 6,
  close: 7,
  syncStatus: 8,
} as const;

/** y-protocols sync sub-types. */
export const SYNC = { step1: 0, step2: 1, update: 2 } as const;

/** One awareness entry: a client id, its clock and its state as JSON text (`null` when it left). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

/** A client frame that passed validation; `payload` views the frame's own bytes. */
export interface Frame {
  doc: string;
  type: number;
  /** Sync sub-type for `sync`/`syncReply`. */
  sync?: number;
  /** State vector (step 1) or Yjs update (step 2, update). */
  payload?: Uint8Array;
  awareness?: AwarenessEntry[];
}

/** Why a frame was refused; the gate closes the socket with the matching code. */
export class FrameError extends Error {
  constructor(readonly kind: 'malformed' | 'messageTooBig') {
    super(kind);
    this.name = 'FrameError';
  }
}

const DOC_NAME_MAX = 128;
const TOKEN_MAX = 16 * 1024;
const STATELESS_MAX = 16 * 1024;
/** Client entries in one presence frame; the server's own presence messages stay within it too. */
export const AWARENESS_CLIENTS_MAX = 16;

/**
 * lib0 reads lengths without checking them against the end of the message (it views the underlying
 * buffer), so every length is checked here before anything is read with it.
 */
function bytes(d: decoding.Decoder): Uint8Array {
  const len = decoding.readVarUint(d);
  if (len > d.arr.length - d.pos) throw new FrameError('malformed');
  return decoding.readUint8Array(d, len);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function text(d: decoding.Decoder, max: number): string {
  const raw = bytes(d);
  if (raw.length > max) throw new FrameError('malformed');
  return utf8.decode(raw);
}

function readAwareness(payload: Uint8Array, maxBytes: number): AwarenessEntry[] {
  if (payload.length > maxBytes) throw new FrameError('messageTooBig');
  const d = decoding.createDecoder(payload);
  const count = decoding.readVarUint(d);
  if (count > AWARENESS_CLIENTS_MAX) throw new FrameError('malformed');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const state = text(d, maxBytes);
    // y-protocols JSON.parses the state inside Hocuspocus, where a throw would only be logged.
    JSON.parse(state);
    entries.push({ clientId, clock, state });
  }
  if (d.pos !== payload.length) throw new FrameError('malformed');
  return entries;
}

/**
 * Reads and checks a client frame completely (document name, type, and the parts Hocuspocus will read),
 * so Hocuspocus only ever sees frames it can decode. Yjs updates are checked by applying them (persistence).
 */
export function readFrame(data: Uint8Array, awarenessMaxBytes: number): Frame {
  try {
    const d = decoding.createDecoder(data);
    const doc = text(d, DOC_NAME_MAX);
    const type = decoding.readVarUint(d);
    const frame: Frame = { doc, type };
    switch (type) {
      case MSG.sync:
      case MSG.syncReply: {
        frame.sync = decoding.readVarUint(d);
        frame.payload = bytes(d);
        if (frame.sync === SYNC.step1) Y.decodeStateVector(frame.payload);
        else if (frame.sync !== SYNC.step2 && frame.sync !== SYNC.update) throw new FrameError('malformed');
        break;
      }
      case MSG.awareness:
        frame.awareness = readAwareness(bytes(d), awarenessMaxBytes);
        break;
      case MSG.auth:
        if (decoding.readVarUint(d) !== 0) throw new FrameError('malformed');
        text(d, TOKEN_MAX);
        break;
      case MSG.stateless:
        text(d, STATELESS_MAX);
        break;
      case MSG.queryAwareness:
      case MSG.close:
        break;
      default:
        // Broadcast-stateless and sync-status are server-to-server/server-to-client only.
        throw new FrameError('malformed');
    }
    if (d.pos !== data.length) throw new FrameError('malformed');
    return frame;
  } catch (err) {
    if (err instanceof FrameError) throw err;
    throw new FrameError('malformed');
  }
}

/** Encodes an awareness frame for a document from merged entries (the throttle sends one per interval). */
export function encodeAwarenessFrame(doc: string, entries: Iterable<AwarenessEntry>): Uint8Array {
  const inner = encoding.createEncoder();
  const list = [...entries];
  encoding.writeVarUint(inner, list.length);
  for (const e of list) {
    encoding.writeVarUint(inner, e.clientId);
    encoding.writeVarUint(inner, e.clock);
    encoding.writeVarString(inner, e.state);
  }
  const outer = encoding.createEncoder();
  encoding.writeVarString(outer, doc);
  encoding.writeVarUint(outer, MSG.awareness);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

/** Whether a frame carries document content (a client's step 2 or update). */
export function isWrite(frame: Frame): boolean {
  return (frame.type === MSG.sync || frame.type === MSG.syncReply) && frame.sync !== SYNC.step1;
}

/** Frames the gate already read, so the Hocuspocus hooks do not decode them again. */
const seen = new WeakMap<Uint8Array, Frame>();

export function rememberFrame(data: Uint8Array, frame: Frame): void {
  seen.set(data, frame);
}

/** The frame read by the gate for these exact bytes, or a fresh read (messages Hocuspocus queued). */
export function frameOf(data: Uint8Array, awarenessMaxBytes: number): Frame {
  return seen.get(data) ?? readFrame(data, awarenessMaxBytes);
}

/** Frames several updates into one log row: a varUint count, then each update as a varUint8Array. */
export function encodeUpdates(updates: Uint8Array[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, updates.length);
  for (const u of updates) encoding.writeVarUint8Array(e, u);
  return encoding.toUint8Array(e);
}

/** Reads the updates of one log row back. */
export function decodeUpdates(row: Uint8Array): Uint8Array[] {
  const d = decoding.createDecoder(row);
  const n = decoding.readVarUint(d);
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) out.push(bytes(d));
  return out;
}
