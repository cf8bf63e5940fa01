import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { noteExtensions } from '../editor/extensions';
import { aggregateFlags, heatLevel, topLevelBlocks, type BlockRange, type PlacedFlag } from './heatmap';

const blocks: BlockRange[] = [
  { index: 0, from: 0, to: 10 },
  { index: 1, from: 10, to: 30 },
  { index: 2, from: 30, to: 31 },
  { index: 3, from: 31, to: 60 },
];

const flag = (id: string, from: number, to: number, extra: Partial<PlacedFlag> = {}): PlacedFlag => ({
  id,
  from,
  to,
  resolved: false,
  mine: false,
  ...extra,
});

describe('confusion heat map', () => {
  it('counts open flags per passage (the block where the flagged text starts), in document order', () => {
    const heat = aggregateFlags(blocks, [
      flag('a', 35, 40),
      flag('b', 12, 20),
      flag('c', 11, 50), // spans two blocks: counted once, where it starts
      flag('d', 31, 33, { mine: true }),
      flag('e', 1, 4, { resolved: true }),
    ]);
    expect(heat.map((h) => [h.index, h.open, h.resolved])).toEqual([
      [0, 0, 1],
      [1, 2, 0],
      [3, 2, 0],
    ]);
    expect(heat[1]?.openIds).toEqual(['b', 'c']);
    expect(heat[2]).toMatchObject({ from: 31, to: 60, mine: true, myIds: ['d'] });
    expect(heat[1]?.mine).toBe(false);
  });

  it('leaves out flags whose text was deleted and positions outside the document', () => {
    expect(aggregateFlags(blocks, [flag('gone', 12, 12), flag('out', 70, 75)])).toEqual([]);
  });

  it('a resolved flag does not count as mine to withdraw', () => {
    const [h] = aggregateFlags(blocks, [flag('x', 2, 3, { mine: true, resolved: true })]);
    expect(h).toMatchObject({ open: 0, resolved: 1, mine: false, myIds: [] });
  });

  it('grades intensity by doubling steps', () => {
    expect([0, 1, 2, 3, 4, 7, 8, 100].map(heatLevel)).toEqual([0, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('finds the top-level blocks of a real note with their positions', () => {
    const schema = getSchema(noteExtensions());
    const doc = schema.nodeFromJSON({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Optics' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Light bends.' }] },
      ],
    });
    const found = topLevelBlocks(doc);
    expect(found.map((b) => b.index)).toEqual([0, 1, 2]);
    expect(found[0]).toEqual({ index: 0, from: 0, to: 8 });
    expect(found[2]?.to).toBe(doc.content.size);
    expect(doc.textBetween(found[2]!.from, found[2]!.to)).toBe('Light bends.');
  });
});
