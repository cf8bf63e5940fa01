import * as Y from 'yjs';
import type { NoteMark, NoteNode } from '../../contract/notes';

/**
 * TipTap's Yjs binding stores a node as a `Y.XmlElement` named after its type with its attributes, and a
 * run of text as a `Y.XmlText` whose formatting attributes are the marks (`{ bold: {} }`, `{ link: { href } }`).
 * Marks that may overlap themselves (comments) get a `--<hash>` suffix, removed here.
 */
const HASHED_MARK = /(.*)(--[a-zA-Z0-9+/=]{8})$/;

function markOf(attr: string, value: unknown): NoteMark {
  const mark: NoteMark = { type: HASHED_MARK.exec(attr)?.[1] ?? attr };
  if (value && typeof value === 'object' && Object.keys(value).length > 0) {
    mark.attrs = value as Record<string, unknown>;
  }
  return mark;
}

function toJson(item: Y.XmlElement | Y.XmlText | Y.XmlHook): NoteNode[] {
  if (item instanceof Y.XmlText) {
    const delta = item.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>;
    const out: NoteNode[] = [];
    for (const d of delta) {
      if (typeof d.insert !== 'string' || d.insert.length === 0) continue;
      const node: NoteNode = { type: 'text', text: d.insert };
      const attrs = Object.entries(d.attributes ?? {});
      if (attrs.length > 0) node.marks = attrs.map(([k, v]) => markOf(k, v));
      out.push(node);
    }
    return out;
  }
  if (item instanceof Y.XmlElement) {
    const node: NoteNode = { type: item.nodeName };
    const attrs = item.getAttributes() as Record<string, unknown>;
    if (Object.keys(attrs).length > 0) node.attrs = attrs;
    const content = item.toArray().flatMap(toJson);
    if (content.length > 0) node.content = content;
    return [node];
  }
  return [];
}

/** The ProseMirror JSON (`{ type: 'doc', content }`) of a note's fragment. */
export function fragmentToJson(fragment: Y.XmlFragment): NoteNode {
  return { type: 'doc', content: fragment.toArray().flatMap(toJson) };
}

function textOf(run: NoteNode[]): Y.XmlText {
  const text = new Y.XmlText();
  text.applyDelta(
    run.map((n) => {
      const attributes: Record<string, unknown> = {};
      for (const m of n.marks ?? []) attributes[m.type] = m.attrs ?? {};
      return { insert: n.text ?? '', attributes };
    }),
  );
  return text;
}

function elementOf(node: NoteNode): Y.XmlElement {
  const el = new Y.XmlElement(node.type);
  for (const [key, value] of Object.entries(node.attrs ?? {})) {
    // Like the editor's binding: null attributes are left out, ProseMirror fills in defaults.
    if (value !== null && value !== undefined) el.setAttribute(key, value as string);
  }
  const children = toYNodes(node.content ?? []);
  if (children.length > 0) el.insert(0, children);
  return el;
}

/** Yjs types for ProseMirror JSON nodes, encoded the way the editor's binding encodes them. */
export function toYNodes(nodes: NoteNode[]): Array<Y.XmlElement | Y.XmlText> {
  const out: Array<Y.XmlElement | Y.XmlText> = [];
  let run: NoteNode[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.text) run.push(node);
      continue;
    }
    if (run.length > 0) out.push(textOf(run));
    run = [];
    out.push(elementOf(node));
  }
  if (run.length > 0) out.push(textOf(run));
  return out;
}

/** Plain text of a node (headings are matched by it). */
export function plainText(node: NoteNode): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(plainText).join('');
}

/**
 * Makes `fragment` hold `blocks`, as one change inside the caller's transaction: top-level blocks that are
 * equal at the start and the end are kept (so comments and flags anchored in them survive), the rest is
 * replaced. Nothing of the history is rewritten; clients receive it as an ordinary update.
 */
export function replaceBlocks(fragment: Y.XmlFragment, blocks: NoteNode[]): void {
  const live = fragment.toArray().map((c) => JSON.stringify(toJson(c)));
  const want = blocks.map((b) => JSON.stringify([b]));
  let head = 0;
  while (head < live.length && head < want.length && live[head] === want[head]) head++;
  let tail = 0;
  while (
    tail < live.length - head &&
    tail < want.length - head &&
    live[live.length - 1 - tail] === want[want.length - 1 - tail]
  ) {
    tail++;
  }
  const remove = live.length - head - tail;
  if (remove > 0) fragment.delete(head, remove);
  const add = blocks.slice(head, blocks.length - tail);
  if (add.length > 0) fragment.insert(head, toYNodes(add));
}

/**
 * Where blocks go under a heading: after the last block of the first section whose heading text is
 * `heading` (up to the next heading of the same or a higher level); the end when there is no such section.
 */
export function sectionEnd(fragment: Y.XmlFragment, heading: string | undefined): number {
  const children = fragment.toArray();
  if (!heading) return children.length;
  const wanted = heading.trim().toLowerCase();
  const levelOf = (c: (typeof children)[number]) =>
    c instanceof Y.XmlElement && c.nodeName === 'heading' ? Number(c.getAttribute('level') ?? 1) : 0;
  const start = children.findIndex(
    (c) => levelOf(c) > 0 && toJson(c).map(plainText).join('').trim().toLowerCase() === wanted,
  );
  if (start < 0) return children.length;
  const level = levelOf(children[start]!);
  for (let i = start + 1; i < children.length; i++) {
    const l = levelOf(children[i]!);
    if (l > 0 && l <= level) return i;
  }
  return children.length;
}
