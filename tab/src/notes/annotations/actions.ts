import type { Editor } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { anchorFromRange, type EncodedAnchor, type YMapping } from './anchors';
import { focusAnnotation, type PlacedAnnotation } from './plugin';

/** The passage an annotation would attach to: the selection, or the paragraph around the cursor. */
export interface Passage {
  from: number;
  to: number;
  quote: string;
}

/** The selected text, or the whole text block around an empty selection; null when there is no text. */
export function passageAtSelection(state: EditorState): Passage | null {
  const { from, to, empty, $from } = state.selection;
  let start = from;
  let end = to;
  if (empty) {
    if (!$from.parent.isTextblock) return null;
    start = $from.start();
    end = $from.end();
  }
  const quote = state.doc.textBetween(start, end, ' ', ' ').trim();
  return quote ? { from: start, to: end, quote } : null;
}

/** Anchors a passage of the live editor in its Y.Doc; null before the Yjs binding exists. */
export function anchorPassage(editor: Editor, doc: Y.Doc, passage: Passage): EncodedAnchor | null {
  const st = ySyncPluginKey.getState(editor.state) as
    { binding?: { mapping: YMapping; type: Y.XmlFragment } } | undefined;
  if (!st?.binding) return null;
  return anchorFromRange(doc, st.binding.type, st.binding.mapping, passage.from, passage.to);
}

/** Selects an annotation's text, scrolls to it and highlights it. */
export function jumpTo(editor: Editor, placed: PlacedAnnotation): void {
  if (!placed.orphaned) {
    editor.chain().focus().setTextSelection({ from: placed.from, to: placed.to }).scrollIntoView().run();
  }
  focusAnnotation(editor.view, placed.annotation.id);
}
