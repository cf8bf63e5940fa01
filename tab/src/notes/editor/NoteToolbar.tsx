import { Button } from '@fluentui/react-components';
import {
  ArrowRedo20Regular,
  ArrowUndo20Regular,
  Code20Regular,
  CodeBlock20Regular,
  CommentAdd20Regular,
  Flag20Regular,
  Link20Regular,
  MathFormula20Regular,
  TableDeleteColumn20Regular,
  TableDeleteRow20Regular,
  TableDismiss20Regular,
  TableInsertColumn20Regular,
  TableInsertRow20Regular,
  TaskListLtr20Regular,
  TextBold20Regular,
  TextBulletListLtr20Regular,
  TextHeader120Regular,
  TextHeader220Regular,
  TextHeader320Regular,
  TextItalic20Regular,
  TextNumberListLtr20Regular,
  TextQuote20Regular,
  TextStrikethrough20Regular,
} from '@fluentui/react-icons';
import type { Editor } from '@tiptap/core';
import { Fragment, type ReactElement } from 'react';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n/I18nProvider';
import { RovingToolbar, ToolbarSeparator } from './RovingToolbar';
import { TablePicker } from './TablePicker';

interface Tool {
  label: MessageKey;
  icon: ReactElement;
  run: (e: Editor) => boolean;
  active?: (e: Editor) => boolean;
  enabled?: (e: Editor) => boolean;
}

const chain = (e: Editor) => e.chain().focus();

const HISTORY: Tool[] = [
  {
    label: 'notes.tool.undo',
    icon: <ArrowUndo20Regular />,
    run: (e) => chain(e).undo().run(),
    enabled: (e) => e.can().undo(),
  },
  {
    label: 'notes.tool.redo',
    icon: <ArrowRedo20Regular />,
    run: (e) => chain(e).redo().run(),
    enabled: (e) => e.can().redo(),
  },
];

const INLINE: Tool[] = [
  {
    label: 'notes.tool.bold',
    icon: <TextBold20Regular />,
    run: (e) => chain(e).toggleBold().run(),
    active: (e) => e.isActive('bold'),
  },
  {
    label: 'notes.tool.italic',
    icon: <TextItalic20Regular />,
    run: (e) => chain(e).toggleItalic().run(),
    active: (e) => e.isActive('italic'),
  },
  {
    label: 'notes.tool.strike',
    icon: <TextStrikethrough20Regular />,
    run: (e) => chain(e).toggleStrike().run(),
    active: (e) => e.isActive('strike'),
  },
  {
    label: 'notes.tool.code',
    icon: <Code20Regular />,
    run: (e) => chain(e).toggleCode().run(),
    active: (e) => e.isActive('code'),
  },
];

const heading = (level: 1 | 2 | 3, label: MessageKey, icon: ReactElement): Tool => ({
  label,
  icon,
  run: (e) => chain(e).toggleHeading({ level }).run(),
  active: (e) => e.isActive('heading', { level }),
});

const BLOCKS: Tool[] = [
  heading(1, 'notes.tool.h1', <TextHeader120Regular />),
  heading(2, 'notes.tool.h2', <TextHeader220Regular />),
  heading(3, 'notes.tool.h3', <TextHeader320Regular />),
  {
    label: 'notes.tool.bulletList',
    icon: <TextBulletListLtr20Regular />,
    run: (e) => chain(e).toggleBulletList().run(),
    active: (e) => e.isActive('bulletList'),
  },
  {
    label: 'notes.tool.orderedList',
    icon: <TextNumberListLtr20Regular />,
    run: (e) => chain(e).toggleOrderedList().run(),
    active: (e) => e.isActive('orderedList'),
  },
  {
    label: 'notes.tool.taskList',
    icon: <TaskListLtr20Regular />,
    run: (e) => chain(e).toggleTaskList().run(),
    active: (e) => e.isActive('taskList'),
  },
  {
    label: 'notes.tool.quote',
    icon: <TextQuote20Regular />,
    run: (e) => chain(e).toggleBlockquote().run(),
    active: (e) => e.isActive('blockquote'),
  },
  {
    label: 'notes.tool.codeBlock',
    icon: <CodeBlock20Regular />,
    run: (e) => chain(e).toggleCodeBlock().run(),
    active: (e) => e.isActive('codeBlock'),
  },
];

const TABLE: Tool[] = [
  { label: 'notes.tool.addRow', icon: <TableInsertRow20Regular />, run: (e) => chain(e).addRowAfter().run() },
  {
    label: 'notes.tool.addColumn',
    icon: <TableInsertColumn20Regular />,
    run: (e) => chain(e).addColumnAfter().run(),
  },
  {
    label: 'notes.tool.deleteRow',
    icon: <TableDeleteRow20Regular />,
    run: (e) => chain(e).deleteRow().run(),
  },
  {
    label: 'notes.tool.deleteColumn',
    icon: <TableDeleteColumn20Regular />,
    run: (e) => chain(e).deleteColumn().run(),
  },
  {
    label: 'notes.tool.deleteTable',
    icon: <TableDismiss20Regular />,
    run: (e) => chain(e).deleteTable().run(),
  },
];

interface Props {
  editor: Editor;
  onLink: () => void;
  onMath: () => void;
  onFlag: () => void;
  onComment: () => void;
}

/** Formatting, structure and annotation buttons. One tab stop; arrow keys move between buttons. */
export function NoteToolbar({ editor, onLink, onMath, onFlag, onComment }: Props) {
  const { t } = useI18n();
  const button = (tool: Tool) => {
    const active = tool.active?.(editor) ?? false;
    return (
      <Button
        key={tool.label}
        size="small"
        aria-label={t(tool.label)}
        title={t(tool.label)}
        aria-pressed={tool.active ? active : undefined}
        appearance={active ? 'primary' : 'subtle'}
        icon={tool.icon}
        disabled={tool.enabled ? !tool.enabled(editor) : false}
        onClick={() => tool.run(editor)}
      />
    );
  };
  const extra = (label: MessageKey, icon: ReactElement, onClick: () => void, active = false) => (
    <Button
      size="small"
      aria-label={t(label)}
      title={t(label)}
      icon={icon}
      appearance={active ? 'primary' : 'subtle'}
      aria-pressed={active || undefined}
      onClick={onClick}
    />
  );
  const inTable = editor.isActive('table');
  return (
    <RovingToolbar label={t('notes.toolbar')} onEscape={() => editor.commands.focus()}>
      {HISTORY.map((tool) => button(tool))}
      <ToolbarSeparator />
      {INLINE.map((tool) => button(tool))}
      {extra('notes.tool.link', <Link20Regular />, onLink, editor.isActive('link'))}
      <ToolbarSeparator />
      {BLOCKS.map((tool) => button(tool))}
      {extra(
        'notes.tool.math',
        <MathFormula20Regular />,
        onMath,
        editor.isActive('inlineMath') || editor.isActive('blockMath'),
      )}
      <TablePicker
        disabled={inTable}
        onPick={({ rows, cols }) => chain(editor).insertTable({ rows, cols, withHeaderRow: true }).run()}
      />
      {inTable && (
        <Fragment>
          <ToolbarSeparator />
          {TABLE.map((tool) => button(tool))}
        </Fragment>
      )}
      <ToolbarSeparator />
      {extra('notes.tool.flag', <Flag20Regular />, onFlag)}
      {extra('notes.tool.comment', <CommentAdd20Regular />, onComment)}
    </RovingToolbar>
  );
}
