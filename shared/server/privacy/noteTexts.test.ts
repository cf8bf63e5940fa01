import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NOTE_FRAGMENT } from '../../contract/collab';
import { REMOVED_TEXT } from '../../contract/removedText';
import { ANNOTATIONS_KEY, rewriteAuthors } from './noteAuthors';
import { removeQuotedTexts } from './noteTexts';
import { ERASED_NAME, type Replacement } from './pseudonymize';

const r: Replacement = { ids: ['u-42'], pseudonym: 'erased_x', names: ['Ada Byron'], name: ERASED_NAME };

/** A thread with a named comment by u-42, an anonymous one (id c2) and a classmate's. */
function thread(doc: Y.Doc): void {
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    doc.getMap<unknown>(ANNOTATIONS_KEY).set('a1', entry);
    entry.set('kind', 'thread');
    entry.set('authorId', 'u-7');
    entry.set('authorName', 'Grace');
    entry.set('quote', 'ellipses');
    const comments = new Y.Array<unknown>();
    entry.set('comments', comments);
    comments.push([
      { id: 'c1', authorId: 'u-42', authorName: 'Ada Byron', anonymous: false, text: 'Lost here', at: 1 },
      { id: 'c2', authorId: null, authorName: null, anonymous: true, text: 'Me too, quietly', at: 2 },
      { id: 'c3', authorId: 'u-7', authorName: 'Grace', anonymous: false, text: 'See page 4', at: 3 },
    ]);
  });
}

const comments = (doc: Y.Doc) =>
  ((doc.getMap<unknown>(ANNOTATIONS_KEY).get('a1') as Y.Map<unknown>).get('comments') as Y.Array<unknown>)
    .toArray()
    .map((c) => c as Record<string, unknown>);

describe('removing an erased person from a note', () => {
  it("empties their named and their claimed anonymous comments, keeps the comments and everyone else's", () => {
    const doc = new Y.Doc();
    thread(doc);
    let changed = 0;
    doc.transact(() => (changed = rewriteAuthors(doc, r, new Set(['a1:c2']))));
    expect(changed).toBe(2);
    expect(comments(doc).map((c) => [c.id, c.authorId, c.authorName, c.text])).toEqual([
      ['c1', 'erased_x', ERASED_NAME, REMOVED_TEXT],
      ['c2', null, null, REMOVED_TEXT],
      ['c3', 'u-7', 'Grace', 'See page 4'],
    ]);
    // Once done, nothing is left to change.
    doc.transact(() => (changed = rewriteAuthors(doc, r, new Set(['a1:c2']))));
    expect(changed).toBe(0);
  });

  it('replaces runs that are exactly a removed text, keeping their formatting, and no other text', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(NOTE_FRAGMENT);
    const heading = new Y.XmlElement('heading');
    const item = new Y.XmlElement('paragraph');
    const typed = new Y.XmlElement('paragraph');
    fragment.insert(0, [heading, item, typed]);
    heading.insert(0, [new Y.XmlText('Why is the orbit an ellipse?')]);
    const run = new Y.XmlText();
    item.insert(0, [run]);
    run.insert(0, 'Kepler’s third law');
    run.insert(run.length, ' (2 students)', { italic: true });
    typed.insert(0, [new Y.XmlText('I wonder: Kepler’s third law, again.')]);

    let changed = 0;
    doc.transact(() => {
      changed = removeQuotedTexts(doc, new Set(['Why is the orbit an ellipse?', 'Kepler’s third law']));
    });
    expect(changed).toBe(2);
    expect((heading.get(0) as Y.XmlText).toString()).toBe(REMOVED_TEXT);
    expect(run.toDelta()).toEqual([
      { insert: REMOVED_TEXT },
      { insert: ' (2 students)', attributes: { italic: true } },
    ]);
    expect((typed.get(0) as Y.XmlText).toString()).toBe('I wonder: Kepler’s third law, again.');
  });
});
