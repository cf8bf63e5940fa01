import { Editor } from '@tiptap/core';
import { useEffect, useRef } from 'react';
import type { NoteNode } from '../../../../shared/contract/notes';
import { noteExtensions } from '../editor/extensions';

/**
 * A saved version shown read-only with the editor's own schema and styles, so it looks exactly like the
 * notes did (tables, task lists, formulas), not like a Markdown approximation.
 */
export function VersionPreview({ content, label }: { content: NoteNode; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const editor = new Editor({
      element: host.current,
      extensions: noteExtensions(),
      content,
      editable: false,
      editorProps: {
        attributes: { class: 'stoa-note stoa-note-preview', 'aria-label': label, role: 'document' },
      },
    });
    return () => editor.destroy();
  }, [content, label]);
  return <div ref={host} data-testid="version-preview" />;
}
