import * as encoding from 'lib0/encoding';
import { WebSocketStatus } from '@hocuspocus/provider';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { COLLAB_CLOSE, NOTE_FRAGMENT } from '../../contract/collab';
import { startTestService, type TestService } from '../test/testService';
import {
  collabUrl,
  noteClient,
  noteSession,
  typeParagraph,
  waitFor,
  type NoteClient,
} from './test/collabClient';
import { storedText } from './test/stored';

let t: TestService;
/** What the service logged, one JSON object per line. */
const logged: Array<Record<string, unknown>> = [];
beforeAll(async () => {
  const sink = { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) };
  t = await startTestService({ env: { NOTES_HOLD_MS: '1500' }, log: pino({ level: 'info' }, sink) });
});
afterAll(() => t.close());

function frame(doc: string, type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, doc);
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
}

/** Goes offline, lets `offline` edit, reconnects and runs `onOpen` the moment the socket opens. */
async function offlineThenReconnect(c: NoteClient, offline: () => void, onOpen: () => void): Promise<void> {
  const ws = c.provider.configuration.websocketProvider;
  ws.disconnect();
  await waitFor(() => ws.status === WebSocketStatus.Disconnected, 'the socket to close');
  offline();
  const handleStatus = ({ status }: { status: string }) => {
    if (status !== 'connected') return;
    ws.off('status', handleStatus);
    onOpen();
  };
  ws.on('status', handleStatus);
  void ws.connect();
  await waitFor(
    () => c.provider.synced && ws.status === WebSocketStatus.Connected,
    'the client to reconnect',
  );
}

it('offline edits plus an edit right after the socket opens are accepted (no 4400) and converge', async () => {
  const s = await noteSession(t);
  const token = await s.token(s.owner);
  const witness = noteClient(t.url, s.sessionId, token);
  const editor = noteClient(t.url, s.sessionId, token);
  await waitFor(() => witness.provider.synced && editor.provider.synced, 'both clients to sync');
  typeParagraph(editor.doc, 'online');
  await waitFor(() => witness.text().includes('online'), 'the first edit to arrive');

  for (let round = 0; round < 3; round++) {
    await offlineThenReconnect(
      editor,
      () => typeParagraph(editor.doc, `offline ${round}`),
      // Continues the offline paragraph: depends on the offline edit the provider sends later.
      () => {
        const p = editor.doc.getXmlFragment(NOTE_FRAGMENT).get(1 + 2 * round) as Y.XmlElement;
        (p.get(0) as Y.XmlText).insert(`offline ${round}`.length, ' continued');
        typeParagraph(editor.doc, `after ${round}`);
      },
    );
  }
  await waitFor(
    () => witness.text() === editor.text() && !editor.provider.hasUnsyncedChanges,
    'the clients to converge',
  );
  expect(editor.closes.filter((c) => c === COLLAB_CLOSE.malformed.code)).toEqual([]);
  expect(witness.closes).toEqual([]);
  expect(editor.text()).toBe(
    '<paragraph>online</paragraph>' +
      [0, 1, 2]
        .map((r) => `<paragraph>offline ${r} continued</paragraph><paragraph>after ${r}</paragraph>`)
        .join(''),
  );
  expect(await storedText(t, s.sessionId)).toBe(editor.text());
  expect(
    logged.filter((l) => l.msg === 'notes: update refused' || l.msg === 'notes: socket refused'),
  ).toEqual([]);
  witness.destroy();
  editor.destroy();
});

it('a hostile update with truly missing dependencies is still refused after the client synced', async () => {
  const s = await noteSession(t);
  const token = await s.token(s.owner);
  const witness = noteClient(t.url, s.sessionId, token);
  await waitFor(() => witness.provider.synced, 'the witness to sync');
  typeParagraph(witness.doc, 'shared');
  await waitFor(() => !witness.provider.hasUnsyncedChanges, 'the paragraph to be acknowledged');

  const hostile = new Y.Doc();
  Y.applyUpdate(hostile, Y.encodeStateAsUpdate(witness.doc));
  typeParagraph(hostile, 'withheld');
  const withheld = Y.encodeStateVector(hostile);
  const p = hostile.getXmlFragment(NOTE_FRAGMENT).get(1) as Y.XmlElement;
  (p.get(0) as Y.XmlText).insert(8, ' forever');
  const orphan = Y.encodeStateAsUpdate(hostile, withheld);

  const ws = new WebSocket(collabUrl(t.url));
  ws.on('error', () => undefined);
  const closed = new Promise<number>((r) => ws.once('close', (code: number) => r(code)));
  await new Promise((r) => ws.once('open', r));
  const name = s.sessionId;
  ws.send(frame(name, 2, (e) => (encoding.writeVarUint(e, 0), encoding.writeVarString(e, token))));
  ws.send(frame(name, 0, (e) => (encoding.writeVarUint(e, 2), encoding.writeVarUint8Array(e, orphan))));
  // Its sync step 2 (what it claims the note lacks) leaves the dependency out: refused at once.
  const started = Date.now();
  ws.send(
    frame(
      name,
      0,
      (e) => (
        encoding.writeVarUint(e, 1),
        encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(new Y.Doc()))
      ),
    ),
  );
  expect(await closed).toBe(COLLAB_CLOSE.malformed.code);
  expect(Date.now() - started).toBeLessThan(1000);

  // Logged with its reason, and nothing of the note's text.
  await waitFor(() => logged.some((l) => l.reason === 'missing_after_sync'), 'the refusal to be logged');
  expect(logged.find((l) => l.reason === 'missing_after_sync')).toMatchObject({
    msg: 'notes: update refused',
    sessionId: s.sessionId,
  });
  expect(JSON.stringify(logged)).not.toMatch(/withheld|forever|shared/);

  const fresh = noteClient(t.url, s.sessionId, token);
  await waitFor(() => fresh.provider.synced, 'a fresh client to sync');
  expect(fresh.text()).toBe('<paragraph>shared</paragraph>');
  expect(fresh.doc.store.pendingStructs).toBeNull();
  expect(witness.closes).toEqual([]);
  fresh.destroy();
  witness.destroy();
});

it('an orphan update from a client that never syncs is refused when its hold times out', async () => {
  const s = await noteSession(t);
  const token = await s.token(s.owner);
  const hostile = new Y.Doc();
  typeParagraph(hostile, 'never sent');
  const sv = Y.encodeStateVector(hostile);
  typeParagraph(hostile, 'orphan');
  const p = hostile.getXmlFragment(NOTE_FRAGMENT).get(0) as Y.XmlElement;
  (p.get(0) as Y.XmlText).insert(0, 'x');
  const orphan = Y.encodeStateAsUpdate(hostile, sv);
  const ws = new WebSocket(collabUrl(t.url));
  ws.on('error', () => undefined);
  const closed = new Promise<number>((r) => ws.once('close', (code: number) => r(code)));
  await new Promise((r) => ws.once('open', r));
  ws.send(frame(s.sessionId, 2, (e) => (encoding.writeVarUint(e, 0), encoding.writeVarString(e, token))));
  ws.send(
    frame(s.sessionId, 0, (e) => (encoding.writeVarUint(e, 2), encoding.writeVarUint8Array(e, orphan))),
  );
  const started = Date.now();
  expect(await closed).toBe(COLLAB_CLOSE.malformed.code);
  expect(Date.now() - started).toBeGreaterThan(1000);
  await waitFor(() => logged.some((l) => l.reason === 'hold_timeout'), 'the refusal to be logged');
  expect(await storedText(t, s.sessionId)).toBe('');
});
