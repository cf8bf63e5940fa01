import * as Y from 'yjs';
import { NOTE_FRAGMENT } from '../../../contract/collab';
import type { ConfusionHeatmap, FlagCounts, HeatSection } from '../../../contract/dashboard';
import { fragmentToJson, plainText } from '../../notes/yjsContent';

/**
 * Reads the flags of a note on the server. The tab writes annotations into the note's Y.Doc under
 * `annotations` (id → Y.Map with `kind`, `from`, `authorId`, `quote`, `resolved`, `createdAt`; see
 * tab/src/notes/annotations/model.ts); every member can write there, so each field is checked here.
 */
export const ANNOTATIONS_KEY = 'annotations';

export interface StoredFlag {
  id: string;
  authorId: string | null;
  quote: string;
  resolved: boolean;
  createdAt: number | null;
  /** Index of the top-level block the flag starts in, or null when its text was deleted. */
  block: number | null;
}

const HEADING_TEXT_MAX = 200;

/** The top-level block (child of the note's fragment) holding a relative position, or null. */
function blockIndexOf(doc: Y.Doc, fragment: Y.XmlFragment, encoded: Uint8Array): number | null {
  let abs: Y.AbsolutePosition | null;
  try {
    abs = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(encoded), doc);
  } catch {
    return null; // not a relative position at all
  }
  if (!abs) return null;
  let type: Y.AbstractType<unknown> = abs.type;
  if (type === fragment) {
    // A position between top-level blocks: it belongs to the block that follows it.
    return Math.min(abs.index, Math.max(0, fragment.length - 1));
  }
  while (type._item && type._item.parent !== fragment) {
    const parent = type._item.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    type = parent as Y.AbstractType<unknown>;
  }
  if (!type._item || type._item.deleted) return null;
  const index = fragment.toArray().indexOf(type as Y.XmlElement);
  return index >= 0 ? index : null;
}

/** Every well-formed flag of a note, oldest first. */
export function readFlags(doc: Y.Doc): StoredFlag[] {
  const fragment = doc.getXmlFragment(NOTE_FRAGMENT);
  const out: StoredFlag[] = [];
  doc.getMap<unknown>(ANNOTATIONS_KEY).forEach((entry, id) => {
    if (!(entry instanceof Y.Map)) return;
    const fields = entry as Y.Map<unknown>;
    const from = fields.get('from');
    if (fields.get('kind') !== 'flag' || !(from instanceof Uint8Array)) return;
    const authorId = fields.get('authorId');
    const quote = fields.get('quote');
    const createdAt = fields.get('createdAt');
    out.push({
      id,
      authorId: typeof authorId === 'string' ? authorId : null,
      quote: typeof quote === 'string' ? quote.slice(0, 200) : '',
      resolved: fields.get('resolved') === true,
      createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : null,
      block: blockIndexOf(doc, fragment, from),
    });
  });
  return out.sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || a.id.localeCompare(b.id));
}

/** Open and resolved counts of some flags. */
export function countFlags(flags: readonly StoredFlag[]): FlagCounts {
  const resolved = flags.filter((f) => f.resolved).length;
  return { open: flags.length - resolved, resolved };
}

/**
 * The confusion heat map of a note: its sections (each heading starts one; the blocks before the first
 * heading form a section without heading) with the open and resolved flags that start in them.
 */
export function confusionHeatmap(doc: Y.Doc): ConfusionHeatmap {
  const blocks = fragmentToJson(doc.getXmlFragment(NOTE_FRAGMENT)).content ?? [];
  const sections: HeatSection[] = [];
  /** Section index of each block. */
  const sectionOf: number[] = [];
  blocks.forEach((block, i) => {
    if (block.type === 'heading' || i === 0) {
      const isHeading = block.type === 'heading';
      const level = isHeading ? Math.min(6, Math.max(1, Number(block.attrs?.level ?? 1) || 1)) : 0;
      const text = isHeading ? plainText(block).trim().slice(0, HEADING_TEXT_MAX) : null;
      sections.push({ index: sections.length, heading: text, level, open: 0, resolved: 0 });
    }
    sectionOf.push(sections.length - 1);
  });
  const flags = readFlags(doc);
  const detached: FlagCounts = { open: 0, resolved: 0 };
  for (const flag of flags) {
    const section = flag.block === null ? undefined : sections[sectionOf[flag.block] ?? -1];
    const bucket = section ?? detached;
    if (flag.resolved) bucket.resolved++;
    else bucket.open++;
  }
  return { sections, detached, total: countFlags(flags) };
}
