import { getSchema } from '@tiptap/core';
import { Mathematics } from '@tiptap/extension-mathematics';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { NOTE_FRAGMENT } from '../../../contract/collab';
import type { NoteNode } from '../../../contract/notes';

/** The editor's schema: the extensions the tab's note editor uses. */
export const editorSchema = getSchema([StarterKit, TaskList, TaskItem, TableKit, Mathematics]);

/** JSON as the editor produces it (defaults filled in by the schema), checked against the schema. */
export function editorJson(doc: NoteNode): NoteNode {
  return editorSchema.nodeFromJSON(doc).toJSON() as NoteNode;
}

/** A Y.Doc whose note fragment holds `doc`, encoded by the editor's own Yjs binding (y-tiptap). */
export function editorYDoc(doc: NoteNode): Y.Doc {
  const ydoc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(editorSchema, doc, ydoc.getXmlFragment(NOTE_FRAGMENT));
  return ydoc;
}
