/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type */
import * as Y from 'yjs';
import { NOTE_FRAGMENT } from '../../contract/collab';

/** Where the tab keeps annotations (see `tab/src/notes/annotations/model.ts`): id → Y.Map with from/to. */
const ANNOTATIONS_KEY = 'annotations';

/** A position inside the note as child indexes from the fragment down to a type, plus an index in it. */
interface PathPosition {
  path: number[];
  index: number;
  assoc: number;
}

/** Whether the item a relative position sticks to, or any type around it, is deleted. */
function isGone(rel: Y.RelativePosition, doc: Y.Doc): boolean {
  let abs: Y.AbsolutePosition | null;
  try {
    abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  } catch {
    return true;
  }
  if (!abs) return true;
  if (rel.item && findItem(doc, rel.item)?.deleted) return true;
  for (let it = abs.type._item; it; it = (it.parent as Y.AbstractType<any>)._item) {
    if (it.deleted) return true;
  }
  return false;
}

function findItem(doc: Y.Doc, id: Y.ID): Y.Item | null {
  const structs = doc.store.clients.get(id.client);
  if (!structs) return null;
  const last = structs[structs.length - 1];
  if (!last || last.id.clock + last.length <= id.clock) return null;
  const struct = structs[Y.findIndexSS(structs, id.clock)];
  return struct instanceof Y.Item ? struct : null;
}

/** The child-index path from the note's fragment to a type, or null when it is not inside the fragment. */
function pathOf(type: Y.AbstractType<any>, fragment: Y.XmlFragment): number[] | null {
  const path: number[] = [];
  let t: Y.AbstractType<any> = type;
  while (t !== fragment) {
    const item = t._item;
    if (!item || item.deleted) return null;
    const parent = item.parent as Y.AbstractType<any>;
    if (!(parent instanceof Y.XmlFragment || parent instanceof Y.XmlElement)) return null;
    const index = parent.toArray().indexOf(t as Y.XmlElement);
    if (index < 0) return null;
    path.unshift(index);
    t = parent;
  }
  return path;
}

function toPath(rel: Y.RelativePosition, doc: Y.Doc): PathPosition | null {
  if (isGone(rel, doc)) return null;
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  if (!abs) return null;
  const path = pathOf(abs.type, doc.getXmlFragment(NOTE_FRAGMENT));
  return path && { path, index: abs.index, assoc: rel.assoc };
}

function fromPath(pos: PathPosition, doc: Y.Doc): Y.RelativePosition | null {
  let t: Y.AbstractType<any> = doc.getXmlFragment(NOTE_FRAGMENT);
  for (const i of pos.path) {
    if (!(t instanceof Y.XmlFragment || t instanceof Y.XmlElement)) return null;
    const child = t.get(i) as Y.AbstractType<any> | undefined;
    if (!child) return null;
    t = child;
  }
  if (pos.index > (t as Y.XmlText).length) return null;
  return Y.createRelativePositionFromTypeIndex(t, pos.index, pos.assoc);
}

/**
 * After a restore, anchors annotations again on the restored text. A restore inserts the version's blocks
 * as new Yjs items (deleted items cannot come back), so a flag or thread anchored on a passage the restore
 * brought back would point at deleted items and show as "on text deleted since". The version is a snapshot
 * of the same document, so its items carry the same ids as the anchors: each end is located in the version
 * (child path and offset), and anchored at the same place in the live note, where the restore put the
 * version's blocks in the same order. Annotations whose passage is still live, or was not in the version,
 * are left alone. Returns how many were re-anchored. Run it in the restore's transaction.
 */
export function reanchorAnnotations(live: Y.Doc, version: Y.Doc): number {
  const annotations = live.getMap<unknown>(ANNOTATIONS_KEY);
  let moved = 0;
  annotations.forEach((value) => {
    if (!(value instanceof Y.Map)) return;
    const entry = value as Y.Map<unknown>;
    const from = entry.get('from');
    const to = entry.get('to');
    if (!(from instanceof Uint8Array) || !(to instanceof Uint8Array)) return;
    let relFrom: Y.RelativePosition;
    let relTo: Y.RelativePosition;
    try {
      relFrom = Y.decodeRelativePosition(from);
      relTo = Y.decodeRelativePosition(to);
    } catch {
      return;
    }
    if (!isGone(relFrom, live) && !isGone(relTo, live)) return;
    const start = toPath(relFrom, version);
    const end = toPath(relTo, version);
    if (!start || !end) return;
    const newFrom = fromPath(start, live);
    const newTo = fromPath(end, live);
    if (!newFrom || !newTo) return;
    entry.set('from', Y.encodeRelativePosition(newFrom));
    entry.set('to', Y.encodeRelativePosition(newTo));
    moved++;
  });
  return moved;
}
