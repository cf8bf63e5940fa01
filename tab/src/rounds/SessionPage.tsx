import { makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useState } from 'react';
import NotesView from '../notes/NotesView';
import { PrivateDetailsProvider } from '../privacy/PrivateDetails';
import type { RoundBannerInfo } from './banner';
import { RoundBanner } from './RoundBanner';

// The round panel is its own chunk: the notes become editable without waiting for it.
const RoundPanel = lazy(() => import('./RoundPanel'));
const BackstagePanel = lazy(() => import('../backstage/BackstagePanel'));

const WIDE = '@media (min-width: 1000px)';

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  wide: { [WIDE]: { gridTemplateColumns: 'minmax(0, 1fr) minmax(20rem, 24rem)' } },
  rounds: {
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    [WIDE]: { position: 'sticky', top: tokens.spacingVerticalS },
  },
  // The banner spans the whole page above notes and round, and stays at the top while scrolling.
  banner: { gridColumn: '1 / -1', position: 'sticky', top: 0, zIndex: 3 },
});

interface Props {
  sessionId: string;
  classId?: string | null;
  /** Meeting side panel (280-320 px): the round comes first, above the notes, so it is seen at once. */
  compact?: boolean;
}

/**
 * A session: its live notes and its live round, side by side on wide screens, stacked when narrow. While
 * a round runs, students get a banner at the top that leads to the answer form in one tap.
 */
export default function SessionPage({ sessionId, classId = null, compact = false }: Props) {
  const styles = useStyles();
  const [banner, setBanner] = useState<{ info: RoundBannerInfo; skew: number } | null>(null);
  const handleBanner = useCallback(
    (info: RoundBannerInfo | null, skew: number) => setBanner(info ? { info, skew } : null),
    [],
  );
  const rounds = (
    <div className={styles.rounds}>
      <Suspense fallback={null}>
        <RoundPanel sessionId={sessionId} compact={compact} onBanner={handleBanner} />
      </Suspense>
      <Suspense fallback={null}>
        <BackstagePanel sessionId={sessionId} />
      </Suspense>
    </div>
  );
  return (
    <PrivateDetailsProvider>
      <div className={`${styles.root} ${compact ? '' : styles.wide}`}>
        {banner && (
          <div className={styles.banner}>
            <RoundBanner info={banner.info} clockSkewMs={banner.skew} />
          </div>
        )}
        {compact && rounds}
        <div>
          <NotesView sessionId={sessionId} classId={classId} compact={compact} />
        </div>
        {!compact && rounds}
      </div>
    </PrivateDetailsProvider>
  );
}
