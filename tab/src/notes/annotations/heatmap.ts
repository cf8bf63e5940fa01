import type { Node as PMNode } from '@tiptap/pm/model';

/** A top-level block of the note (paragraph, heading, list, table...): the unit flags aggregate to. */
export interface BlockRange {
  index: number;
  /** ProseMirror position before the block and after it. */
  from: number;
  to: number;
}

/** A flag placed in the current document. */
export interface PlacedFlag {
  id: string;
  from: number;
  to: number;
  resolved: boolean;
  mine: boolean;
}

/** One passage with flags: what the margin and the panel show. */
export interface PassageHeat {
  index: number;
  from: number;
  to: number;
  /** Open flags in the passage, and their ids (resolving the passage resolves exactly these). */
  open: number;
  openIds: string[];
  resolved: number;
  /** Whether the viewer's own open flag is among them (so they can withdraw it). */
  mine: boolean;
  myIds: string[];
}

/** The top-level blocks of a ProseMirror document with their positions. */
export function topLevelBlocks(doc: PMNode): BlockRange[] {
  const blocks: BlockRange[] = [];
  doc.forEach((node, offset, index) => blocks.push({ index, from: offset, to: offset + node.nodeSize }));
  return blocks;
}

function blockAt(blocks: BlockRange[], pos: number): BlockRange | undefined {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = blocks[mid]!;
    if (pos < b.from) hi = mid - 1;
    else if (pos >= b.to) lo = mid + 1;
    else return b;
  }
  return undefined;
}

/**
 * Flags grouped by the block their passage starts in, in document order. Flags whose text was deleted
 * (empty range) are left out: there is nothing left to be confused about in the margin.
 */
export function aggregateFlags(blocks: BlockRange[], flags: readonly PlacedFlag[]): PassageHeat[] {
  const byBlock = new Map<number, PassageHeat>();
  for (const flag of flags) {
    if (flag.to <= flag.from) continue;
    const block = blockAt(blocks, flag.from);
    if (!block) continue;
    let heat = byBlock.get(block.index);
    if (!heat) {
      heat = { ...block, open: 0, openIds: [], resolved: 0, mine: false, myIds: [] };
      byBlock.set(block.index, heat);
    }
    if (flag.resolved) {
      heat.resolved += 1;
      continue;
    }
    heat.open += 1;
    heat.openIds.push(flag.id);
    if (flag.mine) {
      heat.mine = true;
      heat.myIds.push(flag.id);
    }
  }
  return [...byBlock.values()].sort((a, b) => a.index - b.index);
}

/** Margin intensity for a count of open flags: 0 (none) to 4, doubling per step (1, 2-3, 4-7, 8+). */
export function heatLevel(open: number): 0 | 1 | 2 | 3 | 4 {
  if (open <= 0) return 0;
  return Math.min(4, Math.floor(Math.log2(open)) + 1) as 1 | 2 | 3 | 4;
}
