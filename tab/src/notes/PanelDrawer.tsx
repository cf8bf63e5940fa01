import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, type ReactNode } from 'react';

const useStyles = makeStyles({
  drawer: {
    position: 'fixed',
    top: 0,
    right: 0,
    bottom: 0,
    zIndex: 10,
    boxSizing: 'border-box',
    width: 'min(24rem, 100vw)',
    overflowY: 'auto',
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow64,
    // The panel draws its own card; inside the drawer the drawer is the card.
    '& > section': { border: 'none', padding: 0, backgroundColor: 'transparent' },
  },
});

/**
 * A side panel over the page's right edge, for when beside the text it would squeeze the text below a
 * readable width. Not modal: the note stays usable (jump to a passage, select text to comment). Escape
 * closes it; opening moves the focus into it so keyboard users land there.
 */
export function PanelDrawer({ children, onClose }: { children: ReactNode; onClose: () => void }) {
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.contains(document.activeElement)) el.focus({ preventScroll: true });
  }, []);
  return (
    <div
      ref={ref}
      className={styles.drawer}
      role="complementary"
      tabIndex={-1}
      data-print="hide"
      data-testid="panel-drawer"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {children}
    </div>
  );
}
