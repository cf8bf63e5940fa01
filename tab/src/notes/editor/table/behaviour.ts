import { TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import {
  CellSelection,
  addColumnAfter,
  addRowAfter,
  deleteColumn,
  deleteRow,
  deleteTable,
  goToNextCell,
  tableEditing,
} from '@tiptap/pm/tables';

/**
 * Table editing (cell selection, keyboard moves, row and column commands), loaded after the editor is
 * up: `prosemirror-tables` is about a tenth of the notes view otherwise. The table nodes themselves are
 * in the schema from the start (`./schema.ts`).
 */

type Dispatch = ((tr: Transaction) => void) | undefined;
type StateCommand = (state: EditorState, dispatch?: Dispatch) => boolean;

/** After a row or column is deleted, a cursor left outside the table goes back to the table's end. */
function keepingCursorInTable(command: StateCommand): StateCommand {
  return (state, dispatch) => {
    const $from = state.selection.$from;
    let tablePos: number | null = null;
    for (let d = $from.depth; d > 0 && tablePos === null; d--) {
      if ($from.node(d).type.name === 'table') tablePos = $from.before(d);
    }
    const keep = (tr: Transaction) => {
      if (tablePos === null) return;
      const pos = tr.mapping.map(tablePos);
      const table = tr.doc.nodeAt(pos);
      if (table?.type.name !== 'table') return;
      const end = pos + table.nodeSize;
      if (tr.selection.from > pos && tr.selection.from < end) return;
      tr.setSelection(TextSelection.near(tr.doc.resolve(end - 1), -1));
    };
    return command(
      state,
      dispatch &&
        ((tr) => {
          keep(tr);
          dispatch(tr);
        }),
    );
  };
}

/** Backspace or Delete with every cell of a table selected removes the table. */
export function deleteWhollySelectedTable(state: EditorState, dispatch: Dispatch): boolean {
  const selection = state.selection;
  if (!(selection instanceof CellSelection)) return false;
  let cells = 0;
  const table = selection.$anchorCell.node(-1);
  table.descendants((node) => {
    if (node.type.spec.tableRole === 'cell' || node.type.spec.tableRole === 'header_cell') cells += 1;
    return node.type.spec.tableRole !== 'cell' && node.type.spec.tableRole !== 'header_cell';
  });
  let selected = 0;
  selection.forEachCell(() => {
    selected += 1;
  });
  return selected === cells ? deleteTable(state, dispatch) : false;
}

export const commands = {
  addRowAfter,
  addColumnAfter,
  deleteRow: keepingCursorInTable(deleteRow),
  deleteColumn: keepingCursorInTable(deleteColumn),
  deleteTable,
  goToNextCell: goToNextCell(1),
  goToPreviousCell: goToNextCell(-1),
} satisfies Record<string, StateCommand>;

/** The ProseMirror plugin: cell selection, arrow keys between cells, table normalisation. */
export const tablePlugin = () => tableEditing({ allowTableNodeSelection: false });
