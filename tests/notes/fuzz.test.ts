import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { COLLAB_CLOSE, COLLAB_PATH } from '../../shared/contract/collab';
import {
  collabUrl,
  noteClient,
  noteSession,
  typeParagraph,
  waitFor,
} from '../../shared/server/notes/test/collabClient';
import { storedText } from '../../shared/server/notes/test/stored';
import { startTestService, type TestService } from '../../shared/server/test/testService';

// `npm run test:proving -- --full` (PROVING_FULL=1) fuzzes with many more inputs than CI does.
const INPUTS = process.env.PROVING_FULL === '1' ? 20_000 : 2400;
const CONCURRENCY = 24;

let t: TestService;
beforeAll(async () => {
  t = await startTestService({
    env: {
      NOTES_RATE_PER_SECOND: '1000000',
      NOTES_RATE_BURST: '1000000',
      NOTES_MAX_CONNECTIONS_PER_USER: '1000',
    },
  });
});
afterAll(() => t.close());

function frame(
  doc: string,
  type: number,
  write: (e: encoding.Encoder) => void = () => undefined,
): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, doc);
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
}

/** Well-formed messages of every kind a provider sends, to mutate; `inner` mutates only the Yjs payloads. */
function seeds(
  doc: string,
  token: string,
  inner: (payload: Uint8Array) => Uint8Array = (p) => p,
): Uint8Array[] {
  const ydoc = new Y.Doc();
  const updates: Uint8Array[] = [];
  ydoc.on('update', (u: Uint8Array) => updates.push(u));
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText('fuzz seed text')]);
  ydoc.getXmlFragment('default').insert(0, [p]);
  ydoc.getMap('annotations').set('a', { from: 1, to: 3 });
  const awareness = new Awareness(ydoc);
  awareness.setLocalState({ user: { name: 'Fuzz', color: '#123456' }, cursor: null });
  const sync = (step: number, payload: Uint8Array) =>
    frame(doc, 0, (e) => {
      encoding.writeVarUint(e, step);
      encoding.writeVarUint8Array(e, inner(payload));
    });
  return [
    frame(doc, 2, (e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarString(e, token);
    }),
    sync(0, Y.encodeStateVector(ydoc)),
    sync(1, Y.encodeStateAsUpdate(ydoc)),
    ...updates.map((u) => sync(2, u)),
    frame(doc, 1, (e) =>
      encoding.writeVarUint8Array(e, inner(encodeAwarenessUpdate(awareness, [ydoc.clientID]))),
    ),
    frame(doc, 3),
    frame(doc, 5, (e) => encoding.writeVarString(e, '{"type":"hello"}')),
    frame(doc, 7),
  ];
}

const rand = (n: number) => Math.floor(Math.random() * n);
const pick = <T>(list: T[]): T => list[rand(list.length)]!;

/** Truncations, bit flips, inserted and deleted bytes, overwritten length prefixes, wrong types, random bytes. */
function mutate(seed: Uint8Array): Uint8Array {
  const b = Buffer.from(seed);
  switch (rand(8)) {
    case 0:
      return b.subarray(0, rand(b.length));
    case 1: {
      for (let i = 0; i < 1 + rand(4); i++) b[rand(b.length)]! ^= 1 << rand(8);
      return b;
    }
    case 2: {
      const at = rand(b.length);
      return Buffer.concat([b.subarray(0, at), randomBytes(1 + rand(8)), b.subarray(at)]);
    }
    case 3: {
      const at = rand(b.length);
      return Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + rand(4))]);
    }
    case 4: {
      // A huge varUint where a length or a type is: reads past the end if anything trusts it.
      const at = rand(b.length);
      return Buffer.concat([b.subarray(0, at), Buffer.from([0xff, 0xff, 0xff, 0x0f]), b.subarray(at + 1)]);
    }
    case 5:
      return Buffer.concat([b.subarray(0, rand(b.length)), randomBytes(rand(64))]);
    case 6:
      return randomBytes(rand(256));
    default: {
      const copy = Buffer.from(b);
      copy[rand(Math.min(copy.length, 24))] = rand(256);
      return copy;
    }
  }
}

const ALLOWED = new Set<number>([
  ...Object.values(COLLAB_CLOSE).map((c) => c.code),
  1000, // normal (we closed first)
  1002, // ws protocol error
  1005, // no status
  1006, // abnormal (connection cut)
  1007, // invalid UTF-8 in a text frame
  1009, // over maxPayload, refused by ws itself
  4205, // Hocuspocus reset
]);

interface Outcome {
  /** The close code, or null when the input was accepted and the connection still open after 150 ms. */
  code: number | null;
}

async function fuzzOne(url: string, doc: string, token: string, pool: Uint8Array[]): Promise<Outcome> {
  const ws = new WebSocket(url);
  ws.on('error', () => undefined);
  let code: number | null = null;
  const closed = new Promise<void>((r) => ws.once('close', (c: number) => ((code = c), r())));
  await new Promise<void>((r) => {
    ws.once('open', () => r());
    ws.once('close', () => r());
  });
  if (ws.readyState !== WebSocket.OPEN) return { code };
  const kind = rand(10);
  if (kind < 6) ws.send(pool[0]!); // authenticate first: most mutations then reach the document
  const frames = 1 + rand(3);
  for (let i = 0; i < frames; i++) {
    if (kind === 9) ws.send(randomBytes(rand(64)).toString('latin1'));
    else if (kind === 8 && i === 0)
      ws.send(Buffer.alloc(t.service.context.env.NOTES_MAX_MESSAGE_BYTES + 1 + rand(10), 7));
    else if (kind >= 3 && kind < 6)
      ws.send(rand(2) ? pick(seeds(doc, token, mutate)) : pick(seeds(doc, token)));
    else ws.send(mutate(pick(pool)));
  }
  await Promise.race([closed, new Promise((r) => setTimeout(r, 150))]);
  // Still open: the input was accepted. Cut the connection without a close handshake (more fuzz).
  if (code === null) ws.terminate();
  return { code };
}

/** Garbage at the TCP level: a half HTTP upgrade, or an upgrade followed by bytes that are no WebSocket frame. */
async function rawGarbage(port: number, handshake: boolean): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise((r) => socket.once('connect', r));
  const key = randomBytes(16).toString('base64');
  socket.write(
    handshake
      ? `GET ${COLLAB_PATH} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`
      : `GET ${COLLAB_PATH} HTTP/1.1\r\nUpgrade: websocket\r\n${randomBytes(32).toString('latin1')}\r\n\r\n`,
  );
  await new Promise((r) => setTimeout(r, 20));
  socket.write(randomBytes(1 + rand(200)));
  await new Promise((r) => setTimeout(r, 20));
  socket.destroy();
}

it(`random and mutated frames at /collab close only their own connection (${INPUTS} inputs)`, async () => {
  const s = await noteSession(t);
  const token = await s.token(s.owner);
  const witness = noteClient(t.url, s.sessionId, await s.token(await s.student()));
  await waitFor(() => witness.provider.synced, 'the witness to sync');
  const pool = seeds(s.sessionId, token);
  const url = collabUrl(t.url);
  const codes = new Map<number | null, number>();
  let sent = 0;
  let typed = 0;
  const worker = async () => {
    while (sent < INPUTS) {
      sent++;
      const { code } = await fuzzOne(url, s.sessionId, token, pool);
      codes.set(code, (codes.get(code) ?? 0) + 1);
      if (sent % 100 === 0) typeParagraph(witness.doc, `witness-${typed++}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const port = Number(new URL(t.url).port);
  for (let i = 0; i < 60; i++) await rawGarbage(port, i % 2 === 0);

  console.log(
    `[fuzz] ${INPUTS} WebSocket inputs + 60 raw TCP inputs; close codes: ${[...codes]
      .sort((a, b) => b[1] - a[1])
      .map(([c, n]) => `${c ?? 'still-open'}:${n}`)
      .join(' ')}`,
  );
  for (const code of codes.keys())
    if (code !== null) expect(ALLOWED.has(code), `close code ${code}`).toBe(true);
  // The service still serves: the witness kept editing and was acknowledged, a new client converges with it.
  expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  typeParagraph(witness.doc, 'after-fuzz');
  await waitFor(() => !witness.provider.hasUnsyncedChanges, 'the witness to be acknowledged');
  expect(witness.closes).toEqual([]);
  const fresh = noteClient(t.url, s.sessionId, token);
  await waitFor(
    () => fresh.provider.synced && fresh.text() === witness.text(),
    'a fresh client to converge',
  ).catch((error: unknown) => {
    const [a, b] = [fresh.text(), witness.text()];
    let at = 0;
    while (at < a.length && a[at] === b[at]) at++;
    throw new Error(
      `${String(error)}: synced=${fresh.provider.synced} closes=${fresh.closes.join(',')} ` +
        `fresh ${a.length} chars, witness ${b.length}; first difference at ${at}: ` +
        `fresh …${a.slice(at - 40, at + 80)}… witness …${b.slice(at - 40, at + 80)}…`,
    );
  });
  expect(fresh.text()).toContain('after-fuzz');
  expect(fresh.text()).toContain(`witness-${typed - 1}`);
  // What the fuzzers got stored (they were authenticated editors) loads back into the same note.
  expect(await storedText(t, s.sessionId)).toBe(witness.text());
  fresh.destroy();
  witness.destroy();
}, 300_000);
