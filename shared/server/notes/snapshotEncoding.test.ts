import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NOTE_FRAGMENT } from '../../contract/collab';
import { storageBackends } from '../test/backends';
import { startTestService, type TestService } from '../test/testService';
import { NoteStore, applyEncoded, type EncodedUpdate } from './noteStore';
import { noteSession, typeParagraph } from './test/collabClient';

const backends = await storageBackends();

/** A note edited as people edit: one keystroke per change, all over the text, with deletions. */
function sampleDoc(): Y.Doc {
  const doc = new Y.Doc();
  typeParagraph(doc, '');
  const text = (doc.getXmlFragment(NOTE_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647);
  for (let i = 0; i < 3000; i++) {
    const at = text.length === 0 ? 0 : next() % text.length;
    if (i % 5 === 4 && text.length > 0) text.delete(at, 1);
    else text.insert(at, 'abcdefghij'[next() % 10]!);
  }
  return doc;
}

const textOf = (update: Uint8Array | EncodedUpdate) => {
  const doc = new Y.Doc();
  applyEncoded(doc, update instanceof Uint8Array ? { data: update, encoding: 1 } : update);
  return doc.getXmlFragment(NOTE_FRAGMENT).toJSON();
};

describe.each(backends)('note snapshots on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  it('are stored in the v2 encoding, smaller than v1, and read back as the same note', async () => {
    const { sessionId } = await noteSession(t);
    const db = t.service.context.storage.database.db;
    const store = new NoteStore(db);
    const v1 = Y.encodeStateAsUpdate(sampleDoc());
    expect(await store.writeSnapshot(sessionId, null, v1, Date.now(), [])).toBe(1);
    const row = await db
      .selectFrom('note_snapshots')
      .select(['data', 'encoding'])
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(row.encoding).toBe(2);
    expect(row.data.length).toBeLessThan(v1.length * 0.75);
    const loaded = await store.load(sessionId);
    expect(loaded.snapshot!.encoding).toBe(2);
    expect(textOf(loaded.snapshot!)).toBe(textOf(v1));
    const since = await store.snapshotSince(sessionId, null);
    expect(textOf({ data: since!.data!, encoding: since!.encoding })).toBe(textOf(v1));
  });

  it('still read a snapshot written in v1 before, and write v2 at the next compaction', async () => {
    const { sessionId } = await noteSession(t);
    const db = t.service.context.storage.database.db;
    const store = new NoteStore(db);
    const v1 = Y.encodeStateAsUpdate(sampleDoc());
    await db
      .insertInto('note_snapshots')
      .values({ session_id: sessionId, gen: 1, data: v1, encoding: 1, edited_at: 1, compacted_at: 1 })
      .execute();
    expect(textOf((await store.load(sessionId)).snapshot!)).toBe(textOf(v1));
    expect(await store.writeSnapshot(sessionId, 1, v1, Date.now(), [])).toBe(2);
    const row = await db
      .selectFrom('note_snapshots')
      .select('encoding')
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(row.encoding).toBe(2);
  });
});
