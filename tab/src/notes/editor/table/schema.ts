import { Node, callOrReturn, getExtensionField, mergeAttributes, type Editor } from '@tiptap/core';
import type { Node as PmNode, Schema } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import type { NodeView } from '@tiptap/pm/view';
import { TableCell } from '@tiptap/extension-table/cell';
import { TableHeader } from '@tiptap/extension-table/header';
import { TableRow } from '@tiptap/extension-table/row';
// Types only: the `table` commands' signatures (insertTable, addRowAfter, ...) that this node provides.
import type {} from '@tiptap/extension-table';

import type * as BehaviourModule from './behaviour';

type Behaviour = typeof BehaviourModule;

let loading: Promise<Behaviour> | null = null;
let behaviour: Behaviour | null = null;

/** Fetches the table editing code once; a failed fetch (offline) is tried again next time. */
function loadBehaviour(): Promise<Behaviour> {
  loading ??= import('./behaviour').then(
    (m) => (behaviour = m),
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

/** Narrowest a column gets when no width is stored (the cells' CSS sets the real minimum). */
const CELL_MIN_WIDTH = 25;

/** Column widths of a table from its first row: a stored width per column, or null. */
function columnWidths(table: PmNode): (number | null)[] {
  const widths: (number | null)[] = [];
  table.firstChild?.forEach((cell) => {
    const span = typeof cell.attrs.colspan === 'number' ? cell.attrs.colspan : 1;
    const stored = Array.isArray(cell.attrs.colwidth) ? (cell.attrs.colwidth as unknown[]) : [];
    for (let i = 0; i < span; i++) widths.push(typeof stored[i] === 'number' ? (stored[i] as number) : null);
  });
  return widths;
}

/** Sizes a table's `<col>`s and the table itself from the stored column widths. */
function sizeColumns(table: PmNode, colgroup: HTMLElement, dom: HTMLTableElement): void {
  const widths = columnWidths(table);
  while (colgroup.children.length > widths.length) colgroup.lastElementChild!.remove();
  while (colgroup.children.length < widths.length) colgroup.append(document.createElement('col'));
  let total = 0;
  widths.forEach((width, i) => {
    const col = colgroup.children[i] as HTMLElement;
    col.style.width = width ? `${Math.max(width, CELL_MIN_WIDTH)}px` : '';
    col.style.minWidth = width ? '' : `${CELL_MIN_WIDTH}px`;
    total += width ?? CELL_MIN_WIDTH;
  });
  const fixed = widths.length > 0 && widths.every((w) => w !== null);
  dom.style.width = fixed ? `${total}px` : '';
  dom.style.minWidth = fixed ? '' : `${total}px`;
}

/** The live view of a table: a wrapper, the table, its column group and the rows (ProseMirror's content). */
function tableView(node: PmNode, attrs: Record<string, unknown>): NodeView {
  let current = node;
  const dom = document.createElement('div');
  dom.className = 'tableWrapper';
  const table = dom.appendChild(document.createElement('table'));
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === 'string' || typeof value === 'number') table.setAttribute(key, String(value));
  }
  const colgroup = table.appendChild(document.createElement('colgroup'));
  const contentDOM = table.appendChild(document.createElement('tbody'));
  sizeColumns(current, colgroup, table);
  return {
    dom,
    contentDOM,
    update(next) {
      if (next.type !== current.type) return false;
      current = next;
      sizeColumns(current, colgroup, table);
      return true;
    },
    // The column group and the table's own style are ours, not content.
    ignoreMutation: (m) => m.type !== 'selection' && !contentDOM.contains(m.target),
  };
}

/** An empty `rows` x `cols` table, its first row made of header cells when asked. */
export function emptyTable(schema: Schema, rows: number, cols: number, withHeaderRow: boolean): PmNode {
  const { table, tableRow, tableCell, tableHeader } = schema.nodes;
  const row = (header: boolean) =>
    tableRow!.create(
      null,
      Array.from({ length: cols }, () => (header ? tableHeader! : tableCell!).createAndFill()!),
    );
  return table!.create(
    null,
    Array.from({ length: rows }, (_, i) => row(withHeaderRow && i === 0)),
  );
}

/** Runs a table command once the editing code is here; before that (the first moments) it does nothing. */
function run(editor: Editor, name: keyof Behaviour['commands']): boolean {
  const command = behaviour?.commands[name];
  return command ? command(editor.state, editor.view.dispatch) : false;
}

/**
 * The `table` node with the same name, content, roles and HTML as `@tiptap/extension-table` (so stored
 * notes and the service's Markdown export read it the same), whose editing code is fetched after the editor
 * is up. A note that already holds tables therefore syncs with them intact: only cell selection, Tab
 * between cells and the row/column commands wait for that fetch.
 */
export const NoteTable = Node.create({
  name: 'table',
  content: 'tableRow+',
  tableRole: 'table',
  isolating: true,
  group: 'block',
  parseHTML: () => [{ tag: 'table' }],
  renderHTML({ node, HTMLAttributes }) {
    const widths = columnWidths(node);
    const cols = widths.map((w) => [
      'col',
      { style: w ? `width: ${Math.max(w, CELL_MIN_WIDTH)}px` : `min-width: ${CELL_MIN_WIDTH}px` },
    ]);
    const total = widths.reduce<number>((sum, w) => sum + (w ?? CELL_MIN_WIDTH), 0);
    const fixed = widths.length > 0 && widths.every((w) => w !== null);
    const style = fixed ? `width: ${total}px` : `min-width: ${total}px`;
    return ['table', mergeAttributes(HTMLAttributes, { style }), ['colgroup', {}, ...cols], ['tbody', 0]];
  },
  addNodeView:
    () =>
    ({ node, HTMLAttributes }) =>
      tableView(node, HTMLAttributes),
  // Every node's `tableRole` goes into its schema spec, where the table editing code looks for it.
  extendNodeSchema(extension) {
    const context = {
      name: extension.name,
      options: extension.options as unknown,
      storage: extension.storage as unknown,
    };
    const role: unknown = callOrReturn(getExtensionField(extension, 'tableRole', context));
    return { tableRole: role };
  },
  onCreate() {
    const editor = this.editor;
    loadBehaviour().then(
      (b) => {
        if (!editor.isDestroyed) editor.registerPlugin(b.tablePlugin());
      },
      (err: unknown) => console.warn('Stoa: table editing did not load.', err),
    );
  },
  addCommands() {
    return {
      // Needs no table editing code: works from the first moment.
      insertTable:
        ({ rows = 3, cols = 3, withHeaderRow = true } = {}) =>
        ({ tr, dispatch, editor }) => {
          if (dispatch) {
            const start = tr.selection.from;
            tr.replaceSelectionWith(emptyTable(editor.schema, rows, cols, withHeaderRow));
            tr.setSelection(TextSelection.near(tr.doc.resolve(start + 1))).scrollIntoView();
          }
          return true;
        },
      addRowAfter:
        () =>
        ({ state, dispatch }) =>
          behaviour?.commands.addRowAfter(state, dispatch) ?? false,
      addColumnAfter:
        () =>
        ({ state, dispatch }) =>
          behaviour?.commands.addColumnAfter(state, dispatch) ?? false,
      deleteRow:
        () =>
        ({ state, dispatch }) =>
          behaviour?.commands.deleteRow(state, dispatch) ?? false,
      deleteColumn:
        () =>
        ({ state, dispatch }) =>
          behaviour?.commands.deleteColumn(state, dispatch) ?? false,
      deleteTable:
        () =>
        ({ state, dispatch }) =>
          behaviour?.commands.deleteTable(state, dispatch) ?? false,
      goToNextCell:
        () =>
        ({ state, dispatch }) =>
          behaviour?.commands.goToNextCell(state, dispatch) ?? false,
      goToPreviousCell:
        () =>
        ({ state, dispatch }) =>
          behaviour?.commands.goToPreviousCell(state, dispatch) ?? false,
    };
  },
  addKeyboardShortcuts() {
    const deleteWhole = () =>
      behaviour ? behaviour.deleteWhollySelectedTable(this.editor.state, this.editor.view.dispatch) : false;
    return {
      Tab: () => {
        if (run(this.editor, 'goToNextCell')) return true;
        if (!this.editor.can().addRowAfter()) return false;
        return this.editor.chain().addRowAfter().goToNextCell().run();
      },
      'Shift-Tab': () => run(this.editor, 'goToPreviousCell'),
      Backspace: deleteWhole,
      'Mod-Backspace': deleteWhole,
      Delete: deleteWhole,
      'Mod-Delete': deleteWhole,
    };
  },
});

export { TableCell, TableHeader, TableRow };
