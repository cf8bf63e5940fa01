import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { resolveAnchor, type YMapping } from './anchors';
import { aggregateFlags, heatLevel, topLevelBlocks, type PassageHeat } from './heatmap';
import type { AuthorBook } from './authorBook';
import { annotationsMap, readAnnotations, type Annotation } from './model';

/** An annotation where it is in the current document; `orphaned` when its text is gone. */
export interface PlacedAnnotation {
  annotation: Annotation;
  from: number;
  to: number;
  orphaned: boolean;
}

export interface AnnotationsState {
  annotations: Annotation[];
  placed: PlacedAnnotation[];
  passages: PassageHeat[];
  decorations: DecorationSet;
  focusId: string | null;
}

interface Meta {
  annotations?: Annotation[];
  focusId?: string | null;
}

export const annotationsKey = new PluginKey<AnnotationsState>('stoaAnnotations');

function syncState(state: EditorState): { binding?: { mapping: YMapping; type: Y.XmlFragment } } | undefined {
  return ySyncPluginKey.getState(state) as
    { binding?: { mapping: YMapping; type: Y.XmlFragment } } | undefined;
}

function decorate(doc: PMNode, placed: PlacedAnnotation[], passages: PassageHeat[], focusId: string | null) {
  const size = doc.content.size;
  const decorations: Decoration[] = [];
  for (const p of passages) {
    if (p.open === 0) continue;
    decorations.push(
      Decoration.node(p.from, p.to, {
        class: `stoa-heat stoa-heat-${heatLevel(p.open)}`,
        'data-flag-count': String(p.open),
      }),
    );
  }
  for (const { annotation: a, from, to, orphaned } of placed) {
    if (orphaned || to > size) continue;
    const focused = a.id === focusId;
    if (a.kind === 'thread' && (!a.resolved || focused)) {
      decorations.push(
        Decoration.inline(from, to, {
          class: focused ? 'stoa-thread stoa-focus' : 'stoa-thread',
          'data-thread': a.id,
        }),
      );
    } else if (focused) {
      const block = topLevelBlocks(doc).find((b) => from >= b.from && from < b.to);
      if (block) decorations.push(Decoration.node(block.from, block.to, { class: 'stoa-passage-focus' }));
    }
  }
  return DecorationSet.create(doc, decorations);
}

function layout(
  doc: PMNode,
  annotations: Annotation[],
  placed: PlacedAnnotation[],
  viewerId: string,
  focusId: string | null,
): AnnotationsState {
  const flags = placed
    .filter((p) => p.annotation.kind === 'flag' && !p.orphaned)
    .map((p) => ({
      id: p.annotation.id,
      from: p.from,
      to: p.to,
      resolved: p.annotation.resolved,
      mine: p.annotation.authorId !== null && p.annotation.authorId === viewerId,
    }));
  const passages = aggregateFlags(topLevelBlocks(doc), flags);
  return { annotations, placed, passages, decorations: decorate(doc, placed, passages, focusId), focusId };
}

/** Resolves every anchor against the binding's current mapping. */
function place(state: EditorState, doc: Y.Doc, annotations: Annotation[]): PlacedAnnotation[] {
  const binding = syncState(state)?.binding;
  return annotations.map((annotation) => {
    const r = binding ? resolveAnchor(doc, binding.type, binding.mapping, annotation) : null;
    const size = state.doc.content.size;
    if (!r || r.from > size) return { annotation, from: 0, to: 0, orphaned: true };
    return { annotation, from: r.from, to: Math.min(r.to, size), orphaned: r.collapsed };
  });
}

function apply(
  tr: Transaction,
  prev: AnnotationsState,
  state: EditorState,
  doc: Y.Doc,
  viewerId: string,
): AnnotationsState {
  const meta = tr.getMeta(annotationsKey) as Meta | undefined;
  const fromYjs = tr.getMeta(ySyncPluginKey) !== undefined;
  const annotations = meta?.annotations ?? prev.annotations;
  const focusId = meta && 'focusId' in meta ? (meta.focusId ?? null) : prev.focusId;
  // Yjs rebuilds the document wholesale on remote changes, so positions are resolved again from the
  // anchors; the binding's mapping is current for those transactions.
  if (fromYjs || meta?.annotations)
    return layout(tr.doc, annotations, place(state, doc, annotations), viewerId, focusId);
  if (tr.docChanged) {
    // Local typing: Yjs hears of it only after this transaction, so map the known positions instead.
    const placed = prev.placed.map((p) => {
      if (p.orphaned) return p;
      const from = tr.mapping.map(p.from, 1);
      const to = Math.max(from, tr.mapping.map(p.to, -1));
      return { ...p, from, to, orphaned: to <= from };
    });
    return layout(tr.doc, annotations, placed, viewerId, focusId);
  }
  if (focusId !== prev.focusId) return layout(tr.doc, annotations, prev.placed, viewerId, focusId);
  return prev;
}

function annotationsPlugin(
  doc: Y.Doc,
  viewerId: string,
  authors: AuthorBook | null,
): Plugin<AnnotationsState> {
  return new Plugin<AnnotationsState>({
    key: annotationsKey,
    state: {
      init: () => ({
        annotations: [],
        placed: [],
        passages: [],
        decorations: DecorationSet.empty,
        focusId: null,
      }),
      apply: (tr, prev, _old, state) => apply(tr, prev, state, doc, viewerId),
    },
    props: {
      decorations: (state) => annotationsKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
    view: (view: EditorView) => {
      const map = annotationsMap(doc);
      let scheduled = false;
      // Coalesced, and outside the Yjs transaction that may also be re-rendering the text right now.
      const push = () => {
        if (scheduled) return;
        scheduled = true;
        queueMicrotask(() => {
          scheduled = false;
          if (view.isDestroyed) return;
          const meta: Meta = { annotations: readAnnotations(doc, authors ?? undefined) };
          view.dispatch(view.state.tr.setMeta(annotationsKey, meta).setMeta('addToHistory', false));
        });
      };
      map.observeDeep(push);
      // Authors of anonymous items arrive from the service after the note: draw them when they do.
      const unsubscribe = authors?.subscribe(push);
      push();
      return {
        destroy: () => {
          map.unobserveDeep(push);
          unsubscribe?.();
        },
      };
    },
  });
}

/** Highlights an annotation (after "jump to text"); null clears it. */
export function focusAnnotation(view: EditorView, id: string | null): void {
  const meta: Meta = { focusId: id };
  view.dispatch(view.state.tr.setMeta(annotationsKey, meta));
}

/**
 * Flags and comment threads of the note drawn into the editor: the confusion heat map in the margin of
 * each flagged passage and a highlight on commented text. Runs after Collaboration (lower priority) so
 * the Yjs binding's state is there when a transaction is applied.
 */
export const NoteAnnotations = Extension.create<{
  doc: Y.Doc | null;
  viewerId: string;
  authors: AuthorBook | null;
}>({
  name: 'stoaAnnotations',
  priority: 50,
  addOptions: () => ({ doc: null, viewerId: '', authors: null }),
  addProseMirrorPlugins() {
    const { doc, viewerId, authors } = this.options;
    return doc ? [annotationsPlugin(doc, viewerId, authors)] : [];
  },
});
