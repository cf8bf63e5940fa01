import * as Y from 'yjs';

/**
 * Annotations live in the note's own Y.Doc, next to the text, so they are live for everyone, stored and
 * restored by the same machinery as the text, and anchored with Yjs relative positions that follow the
 * text through concurrent edits. Layout: `doc.getMap('annotations')`: id → Y.Map with the fields below;
 * a thread's comments are a Y.Array so concurrent replies both land.
 */
export const ANNOTATIONS_KEY = 'annotations';

export const ANNOTATION_LIMITS = {
  commentMax: 2000,
  quoteMax: 200,
  nameMax: 120,
} as const;

export type AnnotationKind = 'flag' | 'thread';

export interface AnnotationComment {
  id: string;
  /**
   * Null for anonymous comments: the document reaches every member, so their author is kept by the
   * service (see `AuthorBook`), and not at all in a fully anonymous class.
   */
  authorId: string | null;
  authorName: string | null;
  /** Hidden from classmates (facilitators still see the name unless it was never stored). */
  anonymous: boolean;
  text: string;
  at: number;
}

export interface Annotation {
  id: string;
  kind: AnnotationKind;
  /** Encoded Yjs relative positions (`Y.encodeRelativePosition`) of the start and end of the passage. */
  from: Uint8Array;
  to: Uint8Array;
  authorId: string | null;
  authorName: string | null;
  anonymous: boolean;
  createdAt: number;
  /** The passage's text when it was annotated, shown if the text is later deleted. */
  quote: string;
  resolved: boolean;
  resolvedBy: string | null;
  resolvedAt: number | null;
  comments: AnnotationComment[];
}

export interface AnnotationAuthor {
  userId: string;
  name: string;
}

export interface NewAnnotation {
  kind: AnnotationKind;
  anchor: { from: Uint8Array; to: Uint8Array };
  quote: string;
  author: AnnotationAuthor;
  anonymous: boolean;
  /**
   * False in fully anonymous classes: the author is not written down at all. Anonymous items never hold
   * their author in the document either way; the caller records it with the service.
   */
  recordAuthor: boolean;
  /** A thread's first comment. */
  text?: string;
}

/** A short random id; annotations are created offline too, so ids cannot come from the service. */
export function newAnnotationId(): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
}

/** The shared map of a note's annotations. */
export function annotationsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ANNOTATIONS_KEY);
}

/** An annotation's Y.Map, or null when the id is unknown or holds something else. */
function entryOf(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const entry = annotationsMap(doc).get(id);
  return entry instanceof Y.Map ? (entry as Y.Map<unknown>) : null;
}

const str = (v: unknown, max: number): string | null => (typeof v === 'string' ? v.slice(0, max) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function readComment(value: unknown): AnnotationComment | null {
  if (!value || typeof value !== 'object') return null;
  const c = value as Record<string, unknown>;
  const id = str(c.id, 64);
  const text = str(c.text, ANNOTATION_LIMITS.commentMax);
  if (!id || !text) return null;
  return {
    id,
    authorId: str(c.authorId, 256),
    authorName: str(c.authorName, ANNOTATION_LIMITS.nameMax),
    anonymous: c.anonymous === true,
    text,
    at: num(c.at) ?? 0,
  };
}

/**
 * One annotation from its Y.Map, or null when it is malformed: every member of the class can write to the
 * document, so nothing in it is trusted to have the right shape.
 */
export function readAnnotation(id: string, entry: unknown): Annotation | null {
  if (!(entry instanceof Y.Map)) return null;
  const fields = entry as Y.Map<unknown>;
  const kind = fields.get('kind');
  const from = fields.get('from');
  const to = fields.get('to');
  if (
    (kind !== 'flag' && kind !== 'thread') ||
    !(from instanceof Uint8Array) ||
    !(to instanceof Uint8Array)
  ) {
    return null;
  }
  const comments = fields.get('comments');
  return {
    id,
    kind,
    from,
    to,
    authorId: str(fields.get('authorId'), 256),
    authorName: str(fields.get('authorName'), ANNOTATION_LIMITS.nameMax),
    anonymous: fields.get('anonymous') === true,
    createdAt: num(fields.get('createdAt')) ?? 0,
    quote: str(fields.get('quote'), ANNOTATION_LIMITS.quoteMax) ?? '',
    resolved: fields.get('resolved') === true,
    resolvedBy: str(fields.get('resolvedBy'), ANNOTATION_LIMITS.nameMax),
    resolvedAt: num(fields.get('resolvedAt')),
    comments: comments instanceof Y.Array ? comments.toArray().flatMap((c) => readComment(c) ?? []) : [],
  };
}

/** Every well-formed annotation of a note, oldest first; `authors` fills in who wrote anonymous ones. */
export function readAnnotations(doc: Y.Doc, authors?: { overlay(a: Annotation): Annotation }): Annotation[] {
  const out: Annotation[] = [];
  annotationsMap(doc).forEach((entry, id) => {
    const a = readAnnotation(id, entry);
    if (a) out.push(authors ? authors.overlay(a) : a);
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Whether the document itself may name the author: only of a named item in a class that keeps authors. */
const namedInDoc = (anonymous: boolean, record: boolean) => record && !anonymous;

function commentOf(author: AnnotationAuthor, text: string, anonymous: boolean, record: boolean) {
  const named = namedInDoc(anonymous, record);
  return {
    id: newAnnotationId(),
    authorId: named ? author.userId : null,
    authorName: named ? author.name.slice(0, ANNOTATION_LIMITS.nameMax) : null,
    anonymous,
    text: text.trim().slice(0, ANNOTATION_LIMITS.commentMax),
    at: Date.now(),
  };
}

/** Adds a flag or a thread; returns its id and that of its first comment (null without one). */
export function addAnnotation(doc: Y.Doc, input: NewAnnotation): { id: string; commentId: string | null } {
  const id = newAnnotationId();
  let commentId: string | null = null;
  const entry = new Y.Map<unknown>();
  const named = namedInDoc(input.anonymous, input.recordAuthor);
  doc.transact(() => {
    annotationsMap(doc).set(id, entry);
    entry.set('kind', input.kind);
    entry.set('from', input.anchor.from);
    entry.set('to', input.anchor.to);
    entry.set('authorId', named ? input.author.userId : null);
    entry.set('authorName', named ? input.author.name.slice(0, ANNOTATION_LIMITS.nameMax) : null);
    entry.set('anonymous', input.anonymous);
    entry.set('createdAt', Date.now());
    entry.set('quote', input.quote.slice(0, ANNOTATION_LIMITS.quoteMax));
    entry.set('resolved', false);
    if (input.kind === 'thread') {
      const comments = new Y.Array<unknown>();
      entry.set('comments', comments);
      if (input.text?.trim()) {
        const first = commentOf(input.author, input.text, input.anonymous, input.recordAuthor);
        commentId = first.id;
        comments.push([first]);
      }
    }
  });
  return { id, commentId };
}

/** Appends a reply to a thread; returns its id, or null when the thread is gone. */
export function addComment(
  doc: Y.Doc,
  threadId: string,
  author: AnnotationAuthor,
  text: string,
  opts: { anonymous: boolean; recordAuthor: boolean },
): string | null {
  const comments = entryOf(doc, threadId)?.get('comments');
  if (!(comments instanceof Y.Array) || !text.trim()) return null;
  const comment = commentOf(author, text, opts.anonymous, opts.recordAuthor);
  comments.push([comment]);
  return comment.id;
}

/** Marks annotations resolved (or open again) in one change. */
export function setResolved(doc: Y.Doc, ids: readonly string[], resolved: boolean, byName: string): void {
  doc.transact(() => {
    for (const id of ids) {
      const entry = entryOf(doc, id);
      if (!entry) continue;
      entry.set('resolved', resolved);
      entry.set('resolvedBy', resolved ? byName.slice(0, ANNOTATION_LIMITS.nameMax) : null);
      entry.set('resolvedAt', resolved ? Date.now() : null);
    }
  });
}

/** Removes annotations (a person withdrawing their own flag). */
export function removeAnnotations(doc: Y.Doc, ids: readonly string[]): void {
  const map = annotationsMap(doc);
  doc.transact(() => {
    for (const id of ids) map.delete(id);
  });
}
