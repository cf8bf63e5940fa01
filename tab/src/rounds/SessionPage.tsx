import { makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy } from 'react';
import NotesView from '../notes/NotesView';

// The round panel is its own chunk: the notes become editable without waiting for it.
const RoundPanel = lazy(() => import('./RoundPanel'));

const WIDE = '@media (min-width: 1000px)';

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  wide: { [WIDE]: { gridTemplateColumns: 'minmax(0, 1fr) minmax(18rem, 24rem)' } },
  rounds: { minWidth: 0, [WIDE]: { position: 'sticky', top: tokens.spacingVerticalS } },
});

interface Props {
  sessionId: string;
  classId?: string | null;
  /** Meeting side panel (280-320 px): the round comes first, above the notes, so it is seen at once. */
  compact?: boolean;
}

/** A session: its live notes and its live round, side by side on wide screens, stacked when narrow. */
export default function SessionPage({ sessionId, classId = null, compact = false }: Props) {
  const styles = useStyles();
  const rounds = (
    <div className={styles.rounds}>
      <Suspense fallback={null}>
        <RoundPanel sessionId={sessionId} compact={compact} />
      </Suspense>
    </div>
  );
  return (
    <div className={`${styles.root} ${compact ? '' : styles.wide}`}>
      {compact && rounds}
      <div>
        <NotesView sessionId={sessionId} classId={classId} compact={compact} />
      </div>
      {!compact && rounds}
    </div>
  );
}
