import * as Y from 'yjs';
import { NOTE_FRAGMENT } from '../../contract/collab';
import { REMOVED_TEXT } from '../../contract/removedText';

/** Runs of a text node that are exactly one of `texts` become the removal marker, formatting kept. */
function replaceRuns(node: Y.XmlText, texts: ReadonlySet<string>): number {
  let offset = 0;
  let changed = 0;
  for (const op of node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string') {
      offset += 1;
      continue;
    }
    if (texts.has(op.insert)) {
      node.delete(offset, op.insert.length);
      node.insert(offset, REMOVED_TEXT, op.attributes ?? {});
      offset += REMOVED_TEXT.length;
      changed += 1;
    } else {
      offset += op.insert.length;
    }
  }
  return changed;
}

function walk(parent: Y.XmlFragment | Y.XmlElement, texts: ReadonlySet<string>): number {
  let changed = 0;
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) changed += replaceRuns(child, texts);
    else if (child instanceof Y.XmlElement) changed += walk(child, texts);
  }
  return changed;
}

/**
 * Replaces, in a note's text, every run that is exactly one of an erased person's round texts: the round
 * summaries Stoa wrote into the notes quote questions and muddiest points as runs of their own (a heading,
 * a list item). Text people typed around them is left alone; call inside a transaction.
 */
export function removeQuotedTexts(doc: Y.Doc, texts: ReadonlySet<string>): number {
  if (texts.size === 0) return 0;
  return walk(doc.getXmlFragment(NOTE_FRAGMENT), texts);
}
