import * as encoding from 'lib0/encoding';

/** Hocuspocus message types (first varUint after the document name) and y-protocols sync sub-types. */
export const WIRE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  syncReply: 4,
  close: 7,
  syncStatus: 8,
  step1: 0,
  step2: 1,
  update: 2,
  authDenied: 1,
  authOk: 2,
} as const;

function frame(doc: string, type: number, body: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, doc);
  encoding.writeVarUint(e, type);
  body(e);
  return encoding.toUint8Array(e);
}

/** The provider's first message: its token for the document. */
export function authFrame(doc: string, token: string): Uint8Array {
  return frame(doc, WIRE.auth, (e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, token);
  });
}

/** Sync step 1 with an empty state vector: "send me the whole document". */
export function emptyStep1Frame(doc: string): Uint8Array {
  return frame(doc, WIRE.sync, (e) => {
    encoding.writeVarUint(e, WIRE.step1);
    encoding.writeVarUint8Array(e, Uint8Array.of(0));
  });
}

/** Sync step 2 carrying an empty update: the answer of a client that has nothing the server lacks. */
export function emptyStep2Frame(doc: string): Uint8Array {
  return frame(doc, WIRE.sync, (e) => {
    encoding.writeVarUint(e, WIRE.step2);
    encoding.writeVarUint8Array(e, Uint8Array.of(0, 0));
  });
}

/** An awareness update for one client with a JSON state (what a provider sends once on connect). */
export function awarenessFrame(doc: string, clientId: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, 1);
  encoding.writeVarString(inner, JSON.stringify(state));
  return frame(doc, WIRE.awareness, (e) => encoding.writeVarUint8Array(e, encoding.toUint8Array(inner)));
}

function varUint(buf: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let mult = 1;
  let pos = at;
  for (;;) {
    const b = buf[pos++];
    if (b === undefined) return [-1, pos];
    value += (b & 0x7f) * mult;
    if (b < 0x80) return [value, pos];
    mult *= 128;
  }
}

/** Message type and sub-type of a server frame, read without decoding the body; `body` is where it starts. */
export function peekFrame(buf: Uint8Array): { type: number; sub: number; body: number } {
  const [nameLen, afterLen] = varUint(buf, 0);
  const [type, afterType] = varUint(buf, afterLen + nameLen);
  const [sub, body] = varUint(buf, afterType);
  return { type, sub, body };
}
