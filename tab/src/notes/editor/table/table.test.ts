// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { noteExtensions } from '../extensions';

const NOTE = {
  type: 'doc',
  content: [
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            {
              type: 'tableHeader',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Planet' }] }],
            },
            {
              type: 'tableHeader',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Moons' }] }],
            },
          ],
        },
        {
          type: 'tableRow',
          content: [
            {
              type: 'tableCell',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Mars' }] }],
            },
            { type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: '2' }] }] },
          ],
        },
      ],
    },
    { type: 'paragraph', content: [{ type: 'text', text: 'Two moons.' }] },
  ],
};

/** The note's extensions with `@tiptap/extension-table`'s kit in place of ours, as before. */
const withTableKit = () =>
  noteExtensions().flatMap((x) =>
    x.name === 'table'
      ? [TableKit.configure({ table: { resizable: false } })]
      : ['tableRow', 'tableCell', 'tableHeader'].includes(x.name)
        ? []
        : [x],
  );

const editors: Editor[] = [];
function editor(content: unknown = NOTE, extensions = noteExtensions()): Editor {
  const e = new Editor({ extensions, content: content as Record<string, unknown> });
  editors.push(e);
  return e;
}
afterEach(() => {
  for (const e of editors.splice(0)) e.destroy();
});

const tableCount = (e: Editor) => {
  let n = 0;
  e.state.doc.descendants((node) => {
    if (node.type.name === 'table') n += 1;
  });
  return n;
};
const rowsOf = (e: Editor) => e.state.doc.firstChild!.childCount;
/** Waits until the table editing code has loaded and registered its plugin. */
const behaviourLoaded = (e: Editor) =>
  vi.waitFor(() =>
    expect(
      e.state.plugins.some((p) => (p as unknown as { key: string }).key.startsWith('selectingCells')),
    ).toBe(true),
  );

describe('note tables', () => {
  it('have the same schema as @tiptap/extension-table, so stored notes keep their tables', () => {
    const ours = editor().schema;
    const theirs = editor(NOTE, withTableKit()).schema;
    for (const name of ['table', 'tableRow', 'tableCell', 'tableHeader']) {
      const a = ours.nodes[name]!;
      const b = theirs.nodes[name]!;
      for (const field of ['content', 'group', 'isolating', 'tableRole', 'marks', 'inline', 'atom']) {
        expect([name, field, a.spec[field as keyof typeof a.spec]]).toEqual([
          name,
          field,
          b.spec[field as keyof typeof b.spec],
        ]);
      }
      expect(Object.fromEntries(Object.entries(a.spec.attrs ?? {}).map(([k, v]) => [k, v.default]))).toEqual(
        Object.fromEntries(Object.entries(b.spec.attrs ?? {}).map(([k, v]) => [k, v.default])),
      );
    }
    expect(Object.keys(ours.nodes)).toEqual(Object.keys(theirs.nodes));
  });

  it('load a note holding a table whole, before the table editing code is there', () => {
    const e = editor();
    expect(e.getJSON()).toEqual(editor(NOTE, withTableKit()).getJSON());
    expect(e.getHTML()).toEqual(editor(NOTE, withTableKit()).getHTML());
    expect(e.view.dom.querySelector('.tableWrapper > table > colgroup + tbody th')?.textContent).toBe(
      'Planet',
    );
  });

  it('insert, grow, move between cells and delete once the editing code is there', async () => {
    const e = editor({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(e.commands.insertTable({ rows: 2, cols: 2, withHeaderRow: true })).toBe(true);
    expect(tableCount(e)).toBe(1);
    expect(e.state.selection.$from.parent.type.name).toBe('paragraph');
    expect(e.state.selection.$from.node(-1).type.name).toBe('tableHeader');
    await behaviourLoaded(e);
    expect(e.chain().addRowAfter().run()).toBe(true);
    expect(rowsOf(e)).toBe(3);
    expect(e.chain().addColumnAfter().run()).toBe(true);
    expect(e.state.doc.firstChild!.firstChild!.childCount).toBe(3);
    expect(e.commands.goToNextCell()).toBe(true);
    expect(e.chain().deleteRow().run()).toBe(true);
    expect(rowsOf(e)).toBe(2);
    expect(e.state.selection.$from.node(-3).type.name).toBe('table');
    expect(e.chain().deleteTable().run()).toBe(true);
    expect(tableCount(e)).toBe(0);
  });
});
