import type { Extensions } from '@tiptap/core';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import StarterKit from '@tiptap/starter-kit';
import { BlockMath, InlineMath } from './math';
import { NoteTable, TableCell, TableHeader, TableRow } from './table/schema';

/**
 * The note's schema and editing behaviour, shared by the live editor and the version preview. Node and
 * mark names match what the service reads and writes (`shared/contract/notes.ts`).
 */
export function noteExtensions(): Extensions {
  return [
    StarterKit.configure({
      // Collaboration brings a Yjs undo manager that undoes only this person's changes; ProseMirror's
      // own history would undo other people's typing too.
      undoRedo: false,
      // Every client would append the trailing paragraph at once after a server-written table: N copies.
      trailingNode: false,
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        protocols: ['mailto'],
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      },
    }),
    TaskList,
    TaskItem.configure({ nested: true }),
    // Tables are in the schema from the start; their editing code loads just after (see ./table).
    NoteTable,
    TableCell,
    TableHeader,
    TableRow,
    InlineMath,
    BlockMath,
  ];
}
