import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { useEffect, useState } from 'react';
import { NOTE_FRAGMENT } from '../../../../shared/contract/collab';
import type { AuthorBook } from '../annotations/authorBook';
import { NoteAnnotations } from '../annotations/plugin';
import type { NoteConnection } from '../collab/noteConnection';
import type { NoteIdentity } from '../identity';
import { noteExtensions } from './extensions';

/** A remote caret: a coloured bar with the person's name above it. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement('span');
  caret.className = 'stoa-caret';
  const color = typeof user.color === 'string' ? user.color : '#616161';
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'stoa-caret-label';
  label.style.backgroundColor = color;
  // Drawn by CSS from the attribute, so the name never becomes part of the note's text (copy, find,
  // screen readers reading the paragraph).
  label.dataset.name = typeof user.name === 'string' ? user.name : '';
  label.setAttribute('aria-hidden', 'true');
  caret.append(label);
  return caret;
}

/**
 * The live editor of a note, mounted into `host` once the connection exists: the note's schema, the
 * Yjs binding (with its per-user undo), remote carets and the annotation layer.
 */
export function useNoteEditor(
  host: HTMLElement | null,
  connection: NoteConnection | null,
  identity: NoteIdentity,
  label: string,
  authors: AuthorBook | null = null,
  /** Shown in an empty note, so the first person knows where to start. */
  placeholder = '',
): Editor | null {
  const [editor, setEditor] = useState<Editor | null>(null);
  const { userId, name, color } = identity;
  useEffect(() => {
    if (!host || !connection) return;
    const e = new Editor({
      element: host,
      extensions: [
        ...noteExtensions(),
        Collaboration.configure({ document: connection.doc, field: NOTE_FRAGMENT }),
        CollaborationCaret.configure({
          provider: connection.provider,
          user: { id: userId, name, color },
          render: renderCaret,
        }),
        NoteAnnotations.configure({ doc: connection.doc, viewerId: userId, authors }),
        Placeholder.configure({ placeholder, emptyEditorClass: 'is-editor-empty', showOnlyCurrent: true }),
      ],
      editable: !connection.getSnapshot().readOnly,
      editorProps: {
        attributes: { class: 'stoa-note', 'aria-label': label, 'aria-multiline': 'true', role: 'textbox' },
      },
    });
    setEditor(e);
    return () => {
      e.destroy();
      setEditor(null);
    };
    // The label is read once: the editor is not rebuilt when the title changes.
  }, [host, connection, userId, name, color, authors, placeholder]);
  return editor;
}

/** Re-renders once per frame while the editor has transactions (toolbar state, panels reading plugin state). */
export function useEditorVersion(editor: Editor | null): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!editor) return;
    let frame = 0;
    const handle = () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        setVersion((v) => v + 1);
      });
    };
    editor.on('transaction', handle);
    return () => {
      cancelAnimationFrame(frame);
      editor.off('transaction', handle);
    };
  }, [editor]);
  return version;
}
