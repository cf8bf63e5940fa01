import * as Y from 'yjs';
import { NOTE_FRAGMENT } from '../../contract/collab';
import { REMOVED_TEXT } from '../../contract/removedText';
import { scrubStoaLine } from '../rounds/writeBackLines';

/** A run's new text, or the run itself when it stays. */
type RunEdit = (run: string) => string;

/** Runs of a text node that `edit` changes are replaced, formatting kept. */
function replaceRuns(node: Y.XmlText, edit: RunEdit): number {
  let offset = 0;
  let changed = 0;
  for (const op of node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string') {
      offset += 1;
      continue;
    }
    const next = edit(op.insert);
    if (next !== op.insert) {
      node.delete(offset, op.insert.length);
      node.insert(offset, next, op.attributes ?? {});
      offset += next.length;
      changed += 1;
    } else {
      offset += op.insert.length;
    }
  }
  return changed;
}

function walk(parent: Y.XmlFragment | Y.XmlElement, edit: RunEdit): number {
  let changed = 0;
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) changed += replaceRuns(child, edit);
    else if (child instanceof Y.XmlElement) changed += walk(child, edit);
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
  return walk(doc.getXmlFragment(NOTE_FRAGMENT), (run) => (texts.has(run) ? REMOVED_TEXT : run));
}

/**
 * Takes an erased person out of the lines Stoa wrote into a note's round summaries ("Asked by <name> …",
 * "(peer answer, <name>, endorsed)", a section named after their question): names become "a student",
 * quotes of `texts` the removal marker (see `rounds/writeBackLines.ts`). Lines people typed are never
 * touched, even when they name the person; call inside a transaction.
 */
export function scrubStoaLines(doc: Y.Doc, names: readonly string[], texts: ReadonlySet<string>): number {
  if (names.length === 0 && texts.size === 0) return 0;
  return walk(doc.getXmlFragment(NOTE_FRAGMENT), (run) => scrubStoaLine(run, names, texts));
}
