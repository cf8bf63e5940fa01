import type { Editor } from '@tiptap/core';
import type { Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { useEffect } from 'react';
import type { ThrottledAwareness } from './collab/throttledAwareness';
import { ACTIVITY_FIELD, type Activity } from './presence';

/** After this long without typing, "editing" turns back into "reading". */
const EDITING_FOR_MS = 5000;

/**
 * Keeps the person's activity in presence: editing while they type, commenting while a comment box is
 * open, away while the tab is hidden, reading otherwise. Written only on change (presence is broadcast).
 */
export function useActivity(
  editor: Editor | null,
  awareness: ThrottledAwareness | null,
  commenting: boolean,
): void {
  useEffect(() => {
    if (!editor || !awareness) return;
    let typing = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const publish = () => {
      const activity: Activity = document.hidden
        ? 'away'
        : commenting
          ? 'commenting'
          : typing
            ? 'editing'
            : 'reading';
      if (awareness.getLocalState()?.[ACTIVITY_FIELD] !== activity)
        awareness.setLocalStateField(ACTIVITY_FIELD, activity);
    };
    const handleUpdate = ({ transaction }: { transaction: Transaction }) => {
      // Remote changes arrive as transactions too; only this person's own typing counts.
      if (transaction.getMeta(ySyncPluginKey) !== undefined) return;
      typing = true;
      clearTimeout(timer);
      timer = setTimeout(() => {
        typing = false;
        publish();
      }, EDITING_FOR_MS);
      publish();
    };
    publish();
    editor.on('update', handleUpdate);
    document.addEventListener('visibilitychange', publish);
    return () => {
      clearTimeout(timer);
      editor.off('update', handleUpdate);
      document.removeEventListener('visibilitychange', publish);
    };
  }, [editor, awareness, commenting]);
}
