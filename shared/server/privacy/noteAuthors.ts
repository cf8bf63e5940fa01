import * as Y from 'yjs';
import { REMOVED_TEXT } from '../../contract/removedText';
import { ERASED_NAME, type Replacement } from './pseudonymize';

/** The Y.Doc map annotations live in (see the tab's `notes/annotations/model.ts` for their shape). */
export const ANNOTATIONS_KEY = 'annotations';

export interface AuthoredAnnotation {
  annotationId: string;
  kind: string;
  quote: string;
  anonymous: boolean;
  resolved: boolean;
  createdAt: number;
}

export interface AuthoredComment {
  annotationId: string;
  commentId: string;
  text: string;
  anonymous: boolean;
  at: number;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function commentsOf(entry: Y.Map<unknown>): Y.Array<unknown> | null {
  const comments = entry.get('comments');
  return comments instanceof Y.Array ? (comments as Y.Array<unknown>) : null;
}

/**
 * The annotations and comments `userId` wrote in a note; nothing about other people. Anonymous items name
 * nobody in the note: `claimed` holds the service's record of theirs (`annotationId:commentId`, comment id
 * empty for the annotation itself).
 */
export function authoredItems(
  doc: Y.Doc,
  userId: string,
  claimed: ReadonlySet<string> = new Set(),
): { annotations: AuthoredAnnotation[]; comments: AuthoredComment[] } {
  const annotations: AuthoredAnnotation[] = [];
  const comments: AuthoredComment[] = [];
  doc.getMap<unknown>(ANNOTATIONS_KEY).forEach((value, id) => {
    if (!(value instanceof Y.Map)) return;
    const entry = value as Y.Map<unknown>;
    if (entry.get('authorId') === userId || claimed.has(`${id}:`)) {
      annotations.push({
        annotationId: id,
        kind: str(entry.get('kind')),
        quote: str(entry.get('quote')),
        anonymous: entry.get('anonymous') === true,
        resolved: entry.get('resolved') === true,
        createdAt: num(entry.get('createdAt')),
      });
    }
    for (const c of commentsOf(entry)?.toArray() ?? []) {
      const comment = c as Record<string, unknown> | null;
      if (!comment || (comment.authorId !== userId && !claimed.has(`${id}:${str(comment.id)}`))) continue;
      comments.push({
        annotationId: id,
        commentId: str(comment.id),
        text: str(comment.text),
        anonymous: comment.anonymous === true,
        at: num(comment.at),
      });
    }
  });
  return { annotations, comments };
}

/**
 * Removes a person from a note's annotations, as one edit of the document (call inside a transaction):
 * their authorship is replaced with the pseudonym and a neutral name, and the text of their comments (named
 * ones, and the anonymous ones in `claimed`, keyed `annotationId:commentId`) with the removal marker; the
 * comments themselves stay, so threads keep their shape. Comments are plain values in a Y.Array, so a
 * changed comment is replaced in place. Returns how many annotations and comments changed.
 */
export function rewriteAuthors(doc: Y.Doc, r: Replacement, claimed: ReadonlySet<string> = new Set()): number {
  const ids = new Set(r.ids);
  const names = new Set(r.names);
  let changed = 0;
  doc.getMap<unknown>(ANNOTATIONS_KEY).forEach((value, annotationId) => {
    if (!(value instanceof Y.Map)) return;
    const entry = value as Y.Map<unknown>;
    if (ids.has(str(entry.get('authorId')))) {
      entry.set('authorId', r.pseudonym);
      entry.set('authorName', ERASED_NAME);
      changed += 1;
    }
    if (names.has(str(entry.get('resolvedBy')))) {
      entry.set('resolvedBy', ERASED_NAME);
      changed += 1;
    }
    const comments = commentsOf(entry);
    if (!comments) return;
    comments.toArray().forEach((c, index) => {
      const comment = c as Record<string, unknown> | null;
      if (!comment) return;
      const named = ids.has(str(comment.authorId));
      const theirs = named || claimed.has(`${annotationId}:${str(comment.id)}`);
      if (!theirs || (!named && comment.text === REMOVED_TEXT)) return;
      comments.delete(index, 1);
      comments.insert(index, [
        {
          ...comment,
          text: REMOVED_TEXT,
          ...(named ? { authorId: r.pseudonym, authorName: ERASED_NAME } : {}),
        },
      ]);
      changed += 1;
    });
  });
  return changed;
}
