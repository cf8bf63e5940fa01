import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { NOTE_FRAGMENT } from '../../../contract/collab';
import { ANNOTATIONS_KEY, confusionHeatmap, readFlags } from './noteFlags';
import { flagBlock, writeBlocks } from './test/flaggedNote';

const ada = { userId: 'ada', name: 'Ada' };
const bo = { userId: 'bo', name: 'Bo' };

function lecture(): Y.Doc {
  const doc = new Y.Doc();
  writeBlocks(doc, [
    { text: 'Welcome to the lecture.' },
    { heading: 'Orbits', level: 2 },
    { text: 'Planets move in ellipses.' },
    { text: 'The Sun is at one focus.' },
    { heading: 'Tides', level: 2 },
    { text: 'The Moon pulls the oceans.' },
  ]);
  return doc;
}

describe('confusion heat map from the note document', () => {
  it('counts open and resolved flags per section, the part before the first heading included', () => {
    const doc = lecture();
    flagBlock(doc, 0, ada);
    flagBlock(doc, 2, ada);
    flagBlock(doc, 3, bo);
    flagBlock(doc, 3, bo, { resolved: true });
    flagBlock(doc, 5, ada, { resolved: true });
    const heat = confusionHeatmap(doc);
    expect(heat.sections).toEqual([
      { index: 0, heading: null, level: 0, open: 1, resolved: 0 },
      { index: 1, heading: 'Orbits', level: 2, open: 2, resolved: 1 },
      { index: 2, heading: 'Tides', level: 2, open: 0, resolved: 1 },
    ]);
    expect(heat.total).toEqual({ open: 3, resolved: 2 });
    expect(heat.detached).toEqual({ open: 0, resolved: 0 });
  });

  it('follows the text through edits and counts flags on deleted text as detached', () => {
    const doc = lecture();
    flagBlock(doc, 5, ada);
    flagBlock(doc, 3, bo);
    const fragment = doc.getXmlFragment(NOTE_FRAGMENT);
    // a new section inserted above moves the Tides flag along with its paragraph
    const appendix = new Y.XmlElement('heading');
    appendix.setAttribute('level', '2');
    appendix.insert(0, [new Y.XmlText('Appendix')]);
    fragment.insert(1, [appendix]);
    fragment.delete(4, 1); // "The Sun is at one focus." (now at index 4) is deleted
    const heat = confusionHeatmap(doc);
    expect(heat.sections.map((s) => [s.heading, s.open])).toEqual([
      [null, 0],
      ['Appendix', 0],
      ['Orbits', 0],
      ['Tides', 1],
    ]);
    expect(heat.detached).toEqual({ open: 1, resolved: 0 });
  });

  it('ignores malformed entries that any member could have written', () => {
    const doc = lecture();
    flagBlock(doc, 2, ada);
    const map = doc.getMap<unknown>(ANNOTATIONS_KEY);
    map.set('junk', 'not a map');
    const noAnchor = new Y.Map<unknown>();
    map.set('no-anchor', noAnchor);
    noAnchor.set('kind', 'flag');
    const badAnchor = new Y.Map<unknown>();
    map.set('bad-anchor', badAnchor);
    badAnchor.set('kind', 'flag');
    badAnchor.set('from', new Uint8Array([255, 255, 255]));
    const flags = readFlags(doc);
    expect(flags.map((f) => f.id).sort()).toEqual(['bad-anchor', expect.any(String)].sort());
    expect(flags.find((f) => f.id === 'bad-anchor')?.block).toBeNull();
    expect(confusionHeatmap(doc).total).toEqual({ open: 2, resolved: 0 });
  });

  it('keeps no author for flags of a fully anonymous class', () => {
    const doc = lecture();
    flagBlock(doc, 2, ada, { recordAuthor: false });
    expect(readFlags(doc)[0]).toMatchObject({ authorId: null, resolved: false, block: 2 });
  });
});
