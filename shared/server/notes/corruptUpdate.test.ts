import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { COLLAB_CLOSE, NOTE_FRAGMENT } from '../../contract/collab';
import { startTestService, type TestService } from '../test/testService';
import { collabUrl, noteClient, noteSession, typeParagraph, waitFor } from './test/collabClient';
import { storedText } from './test/stored';

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
});
afterAll(() => t.close());

/** A Hocuspocus sync `update` frame (message type 0, sync step 2) for a note. */
function updateFrame(doc: string, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, doc);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

function authFrame(doc: string, token: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, doc);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint(e, 0);
  encoding.writeVarString(e, token);
  return encoding.toUint8Array(e);
}

it('an update cut short in its deletions is refused whole: nothing of it lands, every replica stays equal', async () => {
  const s = await noteSession(t);
  const token = await s.token(s.owner);
  const witness = noteClient(t.url, s.sessionId, token);
  await waitFor(() => witness.provider.synced, 'the witness to sync');
  typeParagraph(witness.doc, 'hello world');
  await waitFor(() => !witness.provider.hasUnsyncedChanges, 'the first paragraph to be acknowledged');

  // An editor's next update: delete "hello", add a paragraph. Yjs would integrate the paragraph, then fail
  // reading the truncated delete set, leaving half of the update in the note.
  const editor = new Y.Doc();
  Y.applyUpdate(editor, Y.encodeStateAsUpdate(witness.doc));
  const before = Y.encodeStateVector(editor);
  editor.transact(() => {
    const fragment = editor.getXmlFragment(NOTE_FRAGMENT);
    ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(0, 5);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('half-applied')]);
    fragment.insert(1, [p]);
  });
  const update = Y.encodeStateAsUpdate(editor, before);
  const truncated = update.subarray(0, update.length - 3);
  expect(() => Y.decodeUpdate(truncated)).toThrow();

  const ws = new WebSocket(collabUrl(t.url));
  ws.on('error', () => undefined);
  const closed = new Promise<number>((r) => ws.once('close', (code: number) => r(code)));
  await new Promise((r) => ws.once('open', r));
  ws.send(authFrame(s.sessionId, token));
  ws.send(updateFrame(s.sessionId, truncated));
  expect(await closed).toBe(COLLAB_CLOSE.malformed.code);

  // The whole update still applies when it arrives intact.
  typeParagraph(witness.doc, 'after');
  await waitFor(() => !witness.provider.hasUnsyncedChanges, 'the witness to be acknowledged');
  const fresh = noteClient(t.url, s.sessionId, token);
  await waitFor(() => fresh.provider.synced && fresh.text() === witness.text(), 'a fresh client to converge');
  expect(fresh.text()).toBe('<paragraph>hello world</paragraph><paragraph>after</paragraph>');
  expect(await storedText(t, s.sessionId)).toBe(fresh.text());
  fresh.destroy();
  witness.destroy();
});

it('an update that builds on edits the note never received is refused, and its parts are not kept for new clients', async () => {
  const s = await noteSession(t);
  const token = await s.token(s.owner);
  const witness = noteClient(t.url, s.sessionId, token);
  await waitFor(() => witness.provider.synced, 'the witness to sync');
  typeParagraph(witness.doc, 'shared');
  await waitFor(() => !witness.provider.hasUnsyncedChanges, 'the paragraph to be acknowledged');

  // Two edits by one editor; only the second (which continues the first's text) reaches the note.
  const editor = new Y.Doc();
  Y.applyUpdate(editor, Y.encodeStateAsUpdate(witness.doc));
  typeParagraph(editor, 'never sent');
  const afterFirst = Y.encodeStateVector(editor);
  const fragment = editor.getXmlFragment(NOTE_FRAGMENT);
  ((fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(10, ' and more');
  const second = Y.encodeStateAsUpdate(editor, afterFirst);

  const ws = new WebSocket(collabUrl(t.url));
  ws.on('error', () => undefined);
  const closed = new Promise<number>((r) => ws.once('close', (code: number) => r(code)));
  await new Promise((r) => ws.once('open', r));
  ws.send(authFrame(s.sessionId, token));
  ws.send(updateFrame(s.sessionId, second));
  expect(await closed).toBe(COLLAB_CLOSE.malformed.code);

  // A new client gets the note as everyone has it: nothing of the orphaned edit, nothing left pending.
  const fresh = noteClient(t.url, s.sessionId, token);
  await waitFor(() => fresh.provider.synced, 'a fresh client to sync');
  expect(fresh.text()).toBe('<paragraph>shared</paragraph>');
  expect(fresh.doc.store.pendingStructs).toBeNull();
  // The editor, once it sends what the second edit builds on, is accepted as usual.
  const complete = noteClient(t.url, s.sessionId, token);
  Y.applyUpdate(complete.doc, Y.encodeStateAsUpdate(editor));
  await waitFor(
    () => witness.text() === '<paragraph>shared</paragraph><paragraph>never sent and more</paragraph>',
    'the whole edit to arrive',
  );
  expect(complete.closes).toEqual([]);
  for (const c of [fresh, complete, witness]) c.destroy();
});
