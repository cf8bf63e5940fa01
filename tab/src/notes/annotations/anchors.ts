import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/** The binding's map from Yjs types to ProseMirror nodes (y-tiptap keeps it current as the doc changes). */
export type YMapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

/** A passage as two encoded Yjs relative positions. */
export interface EncodedAnchor {
  from: Uint8Array;
  to: Uint8Array;
}

/**
 * The start of a passage sticks to its first character: y-tiptap ties text positions to the character
 * before them, so text typed right before a flagged passage would otherwise join the passage.
 */
function stickToNext(rel: Y.RelativePosition, doc: Y.Doc): Y.RelativePosition {
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  if (abs && abs.type instanceof Y.XmlText && abs.index < abs.type.length) {
    return Y.createRelativePositionFromTypeIndex(abs.type, abs.index, 0);
  }
  return rel;
}

/** Anchors the ProseMirror range [from, to] of the editor bound to `fragment`. */
export function anchorFromRange(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  mapping: YMapping,
  from: number,
  to: number,
): EncodedAnchor {
  const start = stickToNext(
    absolutePositionToRelativePosition(from, fragment, mapping) as Y.RelativePosition,
    doc,
  );
  const end = absolutePositionToRelativePosition(to, fragment, mapping) as Y.RelativePosition;
  return { from: Y.encodeRelativePosition(start), to: Y.encodeRelativePosition(end) };
}

/** Whether a Yjs type or any of its ancestors has been deleted (a removed paragraph, list, table...). */
function isGone(type: Y.AbstractType<unknown>): boolean {
  for (let item = type._item; item; item = (item.parent as Y.AbstractType<unknown>)._item) {
    if (item.deleted) return true;
  }
  return false;
}

/**
 * The ProseMirror position of a relative position. Text positions are measured from the start of their
 * text node: y-tiptap's own resolver refuses any text position that lands at the document's first
 * character (a guard against drag-and-drop misresolution), which would drop every annotation on the
 * first paragraph, and on any paragraph that becomes first when the ones above it are deleted.
 */
function toProseMirror(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  mapping: YMapping,
  rel: Y.RelativePosition,
): number | null {
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  if (!abs || isGone(abs.type)) return null;
  if (abs.type instanceof Y.XmlText) {
    const start = Y.createRelativePositionFromTypeIndex(abs.type, 0, -1);
    const at = relativePositionToAbsolutePosition(doc, fragment, start, mapping);
    return at === null ? null : at + abs.index;
  }
  return relativePositionToAbsolutePosition(doc, fragment, rel, mapping);
}

/** Where an anchored passage is now; `collapsed` when its text was deleted. Null if it cannot be found. */
export function resolveAnchor(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  mapping: YMapping,
  anchor: EncodedAnchor,
): { from: number; to: number; collapsed: boolean } | null {
  let start: Y.RelativePosition;
  let end: Y.RelativePosition;
  try {
    start = Y.decodeRelativePosition(anchor.from);
    end = Y.decodeRelativePosition(anchor.to);
  } catch {
    return null; // written by something else: not an anchor
  }
  const from = toProseMirror(doc, fragment, mapping, start);
  const to = toProseMirror(doc, fragment, mapping, end);
  if (from === null || to === null) return null;
  return to > from ? { from, to, collapsed: false } : { from, to: from, collapsed: true };
}
