import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AuthorBook } from './authorBook';
import {
  ANNOTATION_LIMITS,
  addAnnotation,
  addComment,
  annotationsMap,
  readAnnotations,
  removeAnnotations,
  setResolved,
} from './model';

const anchor = { from: new Uint8Array([1, 2]), to: new Uint8Array([3, 4]) };
const ada = { userId: 'ada', name: 'Ada Lind' };
const bo = { userId: 'bo', name: 'Bo Berg' };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('annotations in the Y.Doc', () => {
  it('stores flags and threads that another client reads back', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const { id: flagId } = addAnnotation(a, {
      kind: 'flag',
      anchor,
      quote: 'entropy',
      author: bo,
      anonymous: true,
      recordAuthor: true,
    });
    const { id: threadId } = addAnnotation(a, {
      kind: 'thread',
      anchor,
      quote: 'entropy',
      author: ada,
      anonymous: false,
      recordAuthor: true,
      text: '  Why is this true?  ',
    });
    sync(a, b);
    // Both were made in the same millisecond more often than not: find them by id, not by position.
    const read = readAnnotations(b);
    expect(read).toHaveLength(2);
    const flag = read.find((x) => x.id === flagId);
    const thread = read.find((x) => x.id === threadId);
    expect(flag).toMatchObject({
      id: flagId,
      kind: 'flag',
      // An anonymous flag names nobody in the document; the service keeps its author.
      authorId: null,
      authorName: null,
      anonymous: true,
      resolved: false,
    });
    expect(flag?.from).toEqual(anchor.from);
    expect(thread).toMatchObject({ id: threadId, kind: 'thread', authorName: 'Ada Lind' });
    expect(thread?.comments.map((c) => c.text)).toEqual(['Why is this true?']);
  });

  it('keeps both replies and the resolution when they happen at the same time on two clients', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const { id } = addAnnotation(a, {
      kind: 'thread',
      anchor,
      quote: 'q',
      author: ada,
      anonymous: false,
      recordAuthor: true,
      text: 'Start',
    });
    sync(a, b);
    expect(addComment(a, id, ada, 'Reply from Ada', { anonymous: false, recordAuthor: true })).toEqual(
      expect.any(String),
    );
    expect(addComment(b, id, bo, 'Reply from Bo', { anonymous: true, recordAuthor: true })).toEqual(
      expect.any(String),
    );
    setResolved(b, [id], true, 'Ada Lind');
    sync(a, b);
    for (const doc of [a, b]) {
      const [t] = readAnnotations(doc);
      expect(t?.comments.map((c) => c.text).sort()).toEqual(['Reply from Ada', 'Reply from Bo', 'Start']);
      expect(t).toMatchObject({ resolved: true, resolvedBy: 'Ada Lind' });
    }
  });

  it('writes no author at all in fully anonymous classes', () => {
    const doc = new Y.Doc();
    const { id } = addAnnotation(doc, {
      kind: 'thread',
      anchor,
      quote: 'q',
      author: bo,
      anonymous: true,
      recordAuthor: false,
      text: 'Hmm',
    });
    const [t] = readAnnotations(doc);
    expect(t).toMatchObject({ authorId: null, authorName: null });
    expect(t?.comments[0]).toMatchObject({ authorId: null, authorName: null });
    expect(JSON.stringify(annotationsMap(doc).toJSON())).not.toContain('bo');
    removeAnnotations(doc, [id]);
    expect(readAnnotations(doc)).toEqual([]);
  });

  it('keeps the author of an anonymous item out of the document; the author book fills it in for who may know', () => {
    const doc = new Y.Doc();
    const { id, commentId } = addAnnotation(doc, {
      kind: 'thread',
      anchor,
      quote: 'q',
      author: bo,
      anonymous: true,
      recordAuthor: true,
      text: 'Anonymous start',
    });
    const named = addComment(doc, id, ada, 'Named reply', { anonymous: false, recordAuthor: true });
    // What every member's client receives holds Ada's name (she signed) and nothing of Bo.
    const wire = JSON.stringify(annotationsMap(doc).toJSON());
    expect(wire).toContain(ada.userId);
    expect(wire).not.toContain(bo.userId);
    expect(wire).not.toContain(bo.name);
    const [bare] = readAnnotations(doc);
    expect(bare).toMatchObject({ authorId: null, anonymous: true });

    const book = new AuthorBook();
    let notified = 0;
    book.subscribe(() => (notified += 1));
    book.merge([
      { annotationId: id, commentId: null, userId: bo.userId, name: bo.name },
      { annotationId: id, commentId: commentId!, userId: bo.userId, name: bo.name },
    ]);
    book.merge([{ annotationId: id, commentId: null, userId: bo.userId, name: bo.name }]);
    expect(notified).toBe(1);
    const [t] = readAnnotations(doc, book);
    expect(t).toMatchObject({ authorId: bo.userId, authorName: bo.name, anonymous: true });
    expect(t?.comments.map((c) => [c.id, c.authorId])).toEqual([
      [commentId, bo.userId],
      [named, ada.userId],
    ]);
  });

  it('ignores malformed entries written by a misbehaving client and caps long text', () => {
    const doc = new Y.Doc();
    const map = annotationsMap(doc);
    map.set('junk', 'not a map');
    const bad = new Y.Map<unknown>();
    map.set('bad', bad);
    bad.set('kind', 'flag'); // no anchor
    const { id } = addAnnotation(doc, {
      kind: 'flag',
      anchor,
      quote: 'x'.repeat(1000),
      author: bo,
      anonymous: true,
      recordAuthor: true,
    });
    expect(addComment(doc, 'junk', bo, 'hi', { anonymous: false, recordAuthor: true })).toBeNull();
    setResolved(doc, ['junk', 'missing'], true, 'Ada'); // no throw
    const list = readAnnotations(doc);
    expect(list.map((a) => a.id)).toEqual([id]);
    expect(list[0]?.quote.length).toBe(ANNOTATION_LIMITS.quoteMax);
  });
});
