import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { ANNOTATIONS_KEY } from '../noteAuthors';

/** Adds a flag and a thread with one comment to a note, the way the tab's annotation model writes them. */
export function annotate(
  doc: Y.Doc,
  who: { userId: string; name: string },
  quote: string,
  comment: string,
): void {
  const now = Date.now();
  const anchor = new Uint8Array([1, 2, 3]);
  doc.transact(() => {
    const map = doc.getMap<unknown>(ANNOTATIONS_KEY);
    for (const kind of ['flag', 'thread'] as const) {
      const entry = new Y.Map<unknown>();
      // Random ids, as the tab makes them: an id never carries its author.
      map.set(randomBytes(9).toString('hex'), entry);
      entry.set('kind', kind);
      entry.set('from', anchor);
      entry.set('to', anchor);
      entry.set('authorId', who.userId);
      entry.set('authorName', who.name);
      entry.set('anonymous', false);
      entry.set('createdAt', now);
      entry.set('quote', quote);
      entry.set('resolved', false);
      if (kind === 'thread') {
        const comments = new Y.Array<unknown>();
        entry.set('comments', comments);
        comments.push([
          {
            id: randomBytes(9).toString('hex'),
            authorId: who.userId,
            authorName: who.name,
            anonymous: false,
            text: comment,
            at: now,
          },
        ]);
      }
    }
  });
}

/**
 * An anonymous flag as the tab places it: the note names nobody, and the author is recorded with the
 * service. Returns its id.
 */
export function anonymousFlag(doc: Y.Doc, quote: string): string {
  const id = randomBytes(9).toString('hex');
  const entry = new Y.Map<unknown>();
  doc.transact(() => {
    doc.getMap<unknown>(ANNOTATIONS_KEY).set(id, entry);
    entry.set('kind', 'flag');
    entry.set('from', new Uint8Array([1, 2, 3]));
    entry.set('to', new Uint8Array([1, 2, 3]));
    entry.set('authorId', null);
    entry.set('authorName', null);
    entry.set('anonymous', true);
    entry.set('createdAt', Date.now());
    entry.set('quote', quote);
    entry.set('resolved', false);
  });
  return id;
}

/**
 * An anonymous comment in the first thread of the note, as the tab writes one: the note names nobody, and
 * the author is recorded with the service (`claimAnnotationAuthor` with the comment id). Returns the ids.
 */
export function anonymousComment(doc: Y.Doc, text: string): { annotationId: string; commentId: string } {
  const map = doc.getMap<unknown>(ANNOTATIONS_KEY);
  let annotationId = '';
  map.forEach((value, id) => {
    if (!annotationId && value instanceof Y.Map && value.get('kind') === 'thread') annotationId = id;
  });
  const thread = map.get(annotationId);
  if (!(thread instanceof Y.Map)) throw new Error('the note has no thread to comment on');
  const comments = thread.get('comments') as Y.Array<unknown>;
  const commentId = randomBytes(9).toString('hex');
  comments.push([{ id: commentId, authorId: null, authorName: null, anonymous: true, text, at: Date.now() }]);
  return { annotationId, commentId };
}
