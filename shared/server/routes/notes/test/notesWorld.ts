import type { NoteVersion } from '../../../../contract/notes';
import type { Session } from '../../../../contract/sessions';
import { noteClient, typeParagraph, waitFor, type NoteClient } from '../../../notes/test/collabClient';
import { buildClass, buildSession, type ClassWorld } from '../../../test/factories';
import { startTestService, type TestService, type TestUser } from '../../../test/testService';

/** A service with a class, a session whose note holds one paragraph, and a saved version of it. */
export interface NotesWorld {
  t: TestService;
  w: ClassWorld;
  session: Session;
  version: NoteVersion;
  /** A dev token for a user, minted by the service. */
  token: (user: TestUser) => Promise<string>;
  /** A live editor of a session's note as `user`, synced. */
  editor: (user: TestUser, sessionId?: string) => Promise<NoteClient>;
  /** Types paragraphs and waits until the service acknowledged them. */
  write: (c: NoteClient, ...paragraphs: string[]) => Promise<void>;
}

export async function startNotesWorld(backend: 'sqlite' | 'postgres'): Promise<NotesWorld> {
  const t = await startTestService({ backend });
  const w = await buildClass(t);
  const session = await buildSession(w);
  const token = async (user: TestUser) => (await t.anonymous().call('createDevToken', { body: user })).token;
  const editor = async (user: TestUser, sessionId: string = session.id) => {
    const c = noteClient(t.url, sessionId, await token(user));
    await waitFor(() => c.provider.synced, 'the editor to sync');
    return c;
  };
  const write = async (c: NoteClient, ...paragraphs: string[]) => {
    for (const p of paragraphs) typeParagraph(c.doc, p);
    await waitFor(() => !c.provider.hasUnsyncedChanges, 'acknowledgements');
  };
  const c = await editor(w.owner.user);
  await write(c, 'shared fixture');
  c.destroy();
  const version = await w.owner.client.call('createNoteVersion', {
    params: { sessionId: session.id },
    body: { name: 'Fixture' },
  });
  return { t, w, session, version, token, editor, write };
}
