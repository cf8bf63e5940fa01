import * as Y from 'yjs';
import { NOTE_FRAGMENT } from '../../../contract/collab';
import type { TestService } from '../../test/testService';
import { NoteStore, applyStored } from '../noteStore';

/** A note as storage holds it (snapshot + log), read directly from the database. */
export async function storedDoc(t: TestService, sessionId: string): Promise<Y.Doc> {
  const store = new NoteStore(t.service.context.storage.database.db);
  const doc = new Y.Doc();
  applyStored(doc, await store.load(sessionId), null);
  return doc;
}

/** The stored note's fragment as XML-ish text (`<paragraph>..</paragraph>`). */
export async function storedText(t: TestService, sessionId: string): Promise<string> {
  return (await storedDoc(t, sessionId)).getXmlFragment(NOTE_FRAGMENT).toJSON();
}
