import { getSchema } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NOTE_FRAGMENT } from '../../../../shared/contract/collab';
import { noteExtensions } from '../editor/extensions';
import { anchorFromRange, resolveAnchor, type EncodedAnchor, type YMapping } from './anchors';

const schema = getSchema(noteExtensions());

function noteDoc(paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc();
  const json = {
    type: 'doc',
    content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  };
  prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(NOTE_FRAGMENT));
  return doc;
}

/** What an editor bound to the document sees: the ProseMirror doc and the binding's mapping. */
function bind(doc: Y.Doc) {
  const { doc: pm, mapping } = initProseMirrorDoc(doc.getXmlFragment(NOTE_FRAGMENT), schema);
  return { pm, mapping: mapping as YMapping };
}

function rangeOf(pm: PMNode, text: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null;
  pm.descendants((node, pos) => {
    if (found || !node.isText) return;
    const i = node.text!.indexOf(text);
    if (i >= 0) found = { from: pos + i, to: pos + i + text.length };
  });
  if (!found) throw new Error(`"${text}" not in the document`);
  return found;
}

function anchor(doc: Y.Doc, text: string): EncodedAnchor {
  const { pm, mapping } = bind(doc);
  const { from, to } = rangeOf(pm, text);
  return anchorFromRange(doc, doc.getXmlFragment(NOTE_FRAGMENT), mapping, from, to);
}

function textAt(doc: Y.Doc, a: EncodedAnchor): string | null {
  const { pm, mapping } = bind(doc);
  const r = resolveAnchor(doc, doc.getXmlFragment(NOTE_FRAGMENT), mapping, a);
  return r ? pm.textBetween(r.from, r.to, '\n') : null;
}

/** Exchanges what each side is missing, as the server would. */
function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function paragraphText(doc: Y.Doc, index: number): Y.XmlText {
  const p = doc.getXmlFragment(NOTE_FRAGMENT).get(index) as Y.XmlElement;
  return p.get(0) as Y.XmlText;
}

function insertParagraph(doc: Y.Doc, index: number, text: string): void {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(NOTE_FRAGMENT).insert(index, [p]);
}

function twoClients(paragraphs: string[]): [Y.Doc, Y.Doc] {
  const a = noteDoc(paragraphs);
  const b = new Y.Doc();
  sync(a, b);
  return [a, b];
}

describe('annotation anchors (Yjs relative positions)', () => {
  it('keep pointing at the same words through concurrent edits around them, on both sides', () => {
    const [a, b] = twoClients(['Intro line.', 'The quick brown fox jumps over the lazy dog.']);
    const flag = anchor(a, 'brown fox');

    // Concurrently: A adds a paragraph above; B types before the sentence, right before and right after
    // the passage, and at the end.
    insertParagraph(a, 0, 'A new first paragraph.');
    const bText = paragraphText(b, 1);
    bText.insert(4, 'very ');
    bText.insert('The very quick '.length, 'big ');
    bText.insert('The very quick big brown fox'.length, ' really');
    bText.insert(bText.length, ' Today.');
    sync(a, b);

    expect(paragraphText(a, 2).toString()).toBe(
      'The very quick big brown fox really jumps over the lazy dog. Today.',
    );
    expect(textAt(a, flag)).toBe('brown fox');
    expect(textAt(b, flag)).toBe('brown fox');
  });

  it('grow with text typed inside the passage', () => {
    const [a, b] = twoClients(['Energy is conserved in closed systems.']);
    const flag = anchor(b, 'conserved in closed');
    paragraphText(a, 0).insert('Energy is conserved in '.length, 'truly ');
    sync(a, b);
    expect(textAt(b, flag)).toBe('conserved in truly closed');
  });

  it('collapse when the passage is deleted by someone else, and say so', () => {
    const [a, b] = twoClients(['Keep this. Remove this part. Keep that.']);
    const flag = anchor(a, 'Remove this part.');
    paragraphText(b, 0).delete('Keep this. '.length, 'Remove this part. '.length);
    sync(a, b);
    const { mapping } = bind(a);
    const r = resolveAnchor(a, a.getXmlFragment(NOTE_FRAGMENT), mapping, flag);
    expect(r?.collapsed).toBe(true);
    expect(r?.from).toBe(r?.to);
  });

  it('resolve the same way in a client that joins later from the stored state', () => {
    const [a, b] = twoClients(['First.', 'Second paragraph with a tricky idea.']);
    const flag = anchor(a, 'tricky idea');
    insertParagraph(b, 1, 'Inserted between.');
    sync(a, b);
    const late = new Y.Doc();
    Y.applyUpdate(late, Y.encodeStateAsUpdate(a));
    expect(textAt(late, flag)).toBe('tricky idea');
  });

  it('span several paragraphs', () => {
    const [a] = twoClients(['Alpha beta.', 'Gamma delta.']);
    const { pm, mapping } = bind(a);
    const from = rangeOf(pm, 'beta').from;
    const to = rangeOf(pm, 'Gamma').to;
    const span = anchorFromRange(a, a.getXmlFragment(NOTE_FRAGMENT), mapping, from, to);
    expect(textAt(a, span)).toBe('beta.\nGamma');
  });

  it('work at the very start of the note, and when the paragraphs above are deleted concurrently', () => {
    const [a, b] = twoClients(['Opening words here.', 'Second paragraph starts here.']);
    const first = anchor(a, 'Opening words');
    const second = anchor(b, 'Second paragraph');
    expect(textAt(a, first)).toBe('Opening words');
    a.getXmlFragment(NOTE_FRAGMENT).delete(0, 1);
    sync(a, b);
    expect(textAt(b, second)).toBe('Second paragraph');
    expect(textAt(a, second)).toBe('Second paragraph');
  });

  it('are lost (null) when the whole paragraph they were in is deleted', () => {
    const [a, b] = twoClients(['Keep me.', 'Delete this whole paragraph.', 'Keep me too.']);
    const flag = anchor(a, 'this whole');
    b.getXmlFragment(NOTE_FRAGMENT).delete(1, 1);
    sync(a, b);
    const { mapping } = bind(a);
    expect(resolveAnchor(a, a.getXmlFragment(NOTE_FRAGMENT), mapping, flag)).toBeNull();
  });

  it('follow text typed one keystroke at a time (one Yjs item per character)', () => {
    const doc = new Y.Doc();
    const p = new Y.XmlElement('paragraph');
    doc.getXmlFragment(NOTE_FRAGMENT).insert(0, [p]);
    const text = new Y.XmlText();
    p.insert(0, [text]);
    const typed = 'Snell’s law relates the angles.';
    for (let i = 0; i < typed.length; i++) text.insert(i, typed[i]!);
    const whole = anchor(doc, typed);
    text.insert(0, 'Note: ');
    expect(textAt(doc, whole)).toBe(typed);
  });

  it('refuse bytes that are not an anchor instead of throwing', () => {
    const a = noteDoc(['Text.']);
    const { mapping } = bind(a);
    const junk = { from: new Uint8Array([255, 1, 2]), to: new Uint8Array([]) };
    expect(resolveAnchor(a, a.getXmlFragment(NOTE_FRAGMENT), mapping, junk)).toBeNull();
  });
});
