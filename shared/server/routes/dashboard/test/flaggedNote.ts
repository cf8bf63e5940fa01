import * as Y from 'yjs';
import { NOTE_FRAGMENT } from '../../../../contract/collab';
import { addAnnotation, setResolved } from '../../../../../tab/src/notes/annotations/model';
import { noteClient, waitFor } from '../../../notes/test/collabClient';
import type { TestService, TestUser } from '../../../test/testService';

/** A block of the test note: a heading (level 1-3) or a paragraph. */
export type Block = { heading: string; level?: number } | { text: string };

/** Appends blocks to a Y.Doc's note fragment as TipTap's binding does; returns the first one's index. */
export function writeBlocks(doc: Y.Doc, blocks: readonly Block[]): number {
  const fragment = doc.getXmlFragment(NOTE_FRAGMENT);
  const first = fragment.length;
  doc.transact(() => {
    for (const b of blocks) {
      const el = new Y.XmlElement('heading' in b ? 'heading' : 'paragraph');
      // TipTap's binding stores the level as a number; yjs types attributes as strings.
      if ('heading' in b) el.setAttribute('level', (b.level ?? 2) as unknown as string);
      el.insert(0, [new Y.XmlText('heading' in b ? b.heading : b.text)]);
      fragment.insert(fragment.length, [el]);
    }
  });
  return first;
}

/**
 * Places a flag on the text of top-level block `index` with the tab's own annotation writer, so these
 * tests prove that the service reads what the tab writes. Flags are anonymous, as in the tab: the note
 * names nobody, and `claimFlags` records the author with the service as the tab does. Returns the id.
 */
export function flagBlock(
  doc: Y.Doc,
  index: number,
  author: { userId: string; name: string },
  opts: { resolved?: boolean; recordAuthor?: boolean } = {},
): string {
  const block = doc.getXmlFragment(NOTE_FRAGMENT).get(index) as Y.XmlElement;
  const text = block.get(0) as Y.XmlText;
  const pos = (i: number) => Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, i));
  const { id } = addAnnotation(doc, {
    kind: 'flag',
    anchor: { from: pos(0), to: pos(Math.min(5, text.length)) },
    quote: String(text.toJSON()).slice(0, 5),
    author,
    anonymous: true,
    recordAuthor: opts.recordAuthor ?? true,
  });
  if (opts.resolved) setResolved(doc, [id], true, 'Facilitator');
  return id;
}

/** Connects to a session's note as `user` over the real collaboration socket, runs `edit`, waits until stored. */
export async function editNote(
  t: TestService,
  user: TestUser,
  sessionId: string,
  edit: (doc: Y.Doc) => void,
): Promise<void> {
  const token = (await t.anonymous().call('createDevToken', { body: user })).token;
  const c = noteClient(t.url, sessionId, token);
  try {
    await waitFor(() => c.provider.synced, 'the note to sync');
    edit(c.doc);
    await waitFor(() => !c.provider.hasUnsyncedChanges, 'the edit to be acknowledged');
  } finally {
    c.destroy();
  }
}

/** Records `user` as the author of flags of a session's note, as the tab does right after placing them. */
export async function claimFlags(t: TestService, user: TestUser, sessionId: string, ids: readonly string[]) {
  const client = await t.as(user);
  for (const annotationId of ids) {
    await client.call('claimAnnotationAuthor', { params: { sessionId, annotationId }, body: {} });
  }
}
