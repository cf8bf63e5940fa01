import * as Y from 'yjs';
import { NOTE_FRAGMENT } from '../../contract/collab';

/**
 * Runs the Yjs code a note load needs (v2 decode and integration, v1 encode, state vectors) on a small
 * made-up note a few times, so that V8 has compiled it before the first real note arrives. Without it
 * the first note loaded after a start pays several times its usual cost in the interpreter (measured on
 * a 260,000-edit note: about 65 ms to apply instead of 7 to 15). Takes a few tens of milliseconds, once.
 */
export function warmUpYjs(rounds = 6, edits = 3000): void {
  const source = new Y.Doc();
  const text = new Y.XmlText();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [text]);
  source.getXmlFragment(NOTE_FRAGMENT).insert(0, [paragraph]);
  let seed = 11;
  const next = () => (seed = (seed * 48271) % 2147483647);
  for (let i = 0; i < edits; i++) {
    const at = text.length === 0 ? 0 : next() % text.length;
    if (i % 6 === 5 && text.length > 0) text.delete(at, 1);
    else text.insert(at, 'stoa '[next() % 5]!);
  }
  const v2 = Y.encodeStateAsUpdateV2(source);
  for (let i = 0; i < rounds; i++) {
    const doc = new Y.Doc();
    Y.applyUpdateV2(doc, v2);
    const v1 = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(new Y.Doc()));
    Y.decodeUpdate(v1);
    Y.applyUpdate(new Y.Doc(), v1);
    Y.encodeStateAsUpdateV2(doc);
    doc.destroy();
  }
  source.destroy();
}
