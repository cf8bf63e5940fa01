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
