// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Editor, type JSONContent } from '@tiptap/core';
import { UndoRedo } from '@tiptap/extensions';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/I18nProvider';
import { noteExtensions } from './extensions';
import { NoteToolbar } from './NoteToolbar';

afterEach(() => cleanup());

const noop = () => undefined;
// The live editor's undo comes with the Yjs binding; ProseMirror's own stands in for it here.
const extensions = () => [...noteExtensions(), UndoRedo];

function toolbarFor(editor: Editor) {
  return render(
    <I18nProvider language="en">
      <NoteToolbar editor={editor} onLink={noop} onMath={noop} onFlag={noop} onComment={noop} />
    </I18nProvider>,
  );
}

describe('the table size picker', () => {
  it('inserts a table of the size picked (2 rows × 4 columns), not always 3 × 3', async () => {
    const editor = new Editor({ extensions: extensions(), content: '<p>Forces</p>' });
    toolbarFor(editor);
    fireEvent.click(screen.getByRole('button', { name: 'Insert table' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Insert a 2 × 4 table' }));
    const table = editor.getJSON().content?.find((n) => n.type === 'table');
    const rows: JSONContent[] = table?.content ?? [];
    const header: JSONContent[] = rows[0]?.content ?? [];
    expect(rows).toHaveLength(2);
    expect(header).toHaveLength(4);
    expect(header[0]?.type).toBe('tableHeader');
    editor.destroy();
  });

  it('offers every size from 1 × 1 to 6 × 6, each a named button', async () => {
    const editor = new Editor({ extensions: extensions(), content: '<p></p>' });
    toolbarFor(editor);
    fireEvent.click(screen.getByRole('button', { name: 'Insert table' }));
    await screen.findByRole('button', { name: 'Insert a 1 × 1 table' });
    expect(screen.getByRole('button', { name: 'Insert a 6 × 6 table' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Insert a \d × \d table$/ })).toHaveLength(36);
    editor.destroy();
  });
});
