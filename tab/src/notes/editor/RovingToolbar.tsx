import { makeStyles, tokens } from '@fluentui/react-components';
import { useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';

const useStyles = makeStyles({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: '2px',
    padding: '2px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  divider: {
    alignSelf: 'stretch',
    width: tokens.strokeWidthThin,
    margin: `2px ${tokens.spacingHorizontalXXS}`,
    backgroundColor: tokens.colorNeutralStroke2,
  },
});

const buttonsOf = (el: HTMLElement) =>
  [...el.querySelectorAll<HTMLButtonElement>('button')].filter((b) => !b.disabled && b.offsetParent !== null);

/** Focuses a toolbar's current tab stop (Alt+F10 from the text, as in other editors). */
export function focusToolbar(container: HTMLElement | null): void {
  container?.querySelector<HTMLButtonElement>('[role="toolbar"] button[tabindex="0"]')?.focus();
}

/**
 * A WAI-ARIA toolbar with one tab stop: arrow keys, Home and End move between the buttons. Written here
 * rather than Fluent's Toolbar because that one pulls its focus manager (tabster) into the notes chunk,
 * which is budgeted (see the tab-load benchmark); the buttons are Fluent's.
 */
export function RovingToolbar({
  label,
  onEscape,
  children,
}: {
  label: string;
  onEscape: () => void;
  children: ReactNode;
}) {
  const styles = useStyles();
  const root = useRef<HTMLDivElement>(null);
  const current = useRef<HTMLButtonElement | null>(null);
  // Roving tab index: the button last focused (or the first usable one) is the toolbar's only tab stop.
  // Re-applied after every render because buttons come and go (table tools) and get disabled (undo).
  useLayoutEffect(() => {
    if (!root.current) return;
    const usable = buttonsOf(root.current);
    const stop = current.current && usable.includes(current.current) ? current.current : usable[0];
    for (const b of root.current.querySelectorAll('button')) b.tabIndex = b === stop ? 0 : -1;
  });
  const handleKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      return onEscape();
    }
    const keys = ['ArrowLeft', 'ArrowRight', 'Home', 'End'];
    if (!keys.includes(e.key)) return;
    const buttons = buttonsOf(e.currentTarget);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0 || buttons.length === 0) return;
    e.preventDefault();
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? buttons.length - 1
          : (at + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next]?.focus();
  };
  const handleFocus = (e: FocusEvent<HTMLDivElement>) => {
    if (!(e.target instanceof HTMLButtonElement)) return;
    current.current = e.target;
    for (const b of e.currentTarget.querySelectorAll('button')) b.tabIndex = b === e.target ? 0 : -1;
  };
  return (
    <div
      ref={root}
      role="toolbar"
      aria-label={label}
      className={styles.toolbar}
      onKeyDown={handleKeyDown}
      onFocus={handleFocus}
      data-print="hide"
    >
      {children}
    </div>
  );
}

/** A thin vertical line between groups of buttons. */
export function ToolbarSeparator() {
  const styles = useStyles();
  return <span role="separator" aria-orientation="vertical" className={styles.divider} />;
}
