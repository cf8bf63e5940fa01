import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { RouterLink, useTabLocation, type TabLocation } from '../router/router';
import { Loading } from './States';

const useStyles = makeStyles({
  skip: {
    position: 'absolute',
    left: '-10000px',
    ':focus': { left: tokens.spacingHorizontalS, top: tokens.spacingVerticalS, zIndex: 1 },
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  nav: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, flexGrow: 1 },
  user: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  main: {
    boxSizing: 'border-box',
    maxWidth: '60rem',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  // A session (notes beside the round) and the dashboard use a wide screen; the stage uses all of it.
  wide: { maxWidth: '112rem' },
  full: { maxWidth: 'none', padding: tokens.spacingVerticalL },
});

/** How wide a page may get: reading pages stay narrow, working pages use the screen. */
function widthOf({ route, query }: TabLocation): 'narrow' | 'wide' | 'full' {
  if (route === 'stage') return 'full';
  if ((route === 'channel' || route === 'sidePanel') && (query.get('sessionId') || query.get('view')))
    return 'wide';
  return 'narrow';
}

interface Props {
  displayName: string | null;
  onSignOut: (() => void) | null;
  /** Hides the header (meeting stage and side panel have no room for it). */
  compact?: boolean;
  children: ReactNode;
}

/** The frame around every signed-in page: skip link, header with navigation, and the main landmark. */
export function Shell({ displayName, onSignOut, compact, children }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  const width = widthOf(useTabLocation());
  return (
    <>
      <a className={styles.skip} href="#main">
        {t('app.skipToContent')}
      </a>
      {!compact && (
        <header className={styles.header}>
          <Text className={styles.brand}>{t('app.name')}</Text>
          <nav className={styles.nav} aria-label={t('app.nav')}>
            <RouterLink to="/">{t('nav.myClasses')}</RouterLink>
          </nav>
          <div className={styles.user}>
            {displayName && <Text size={200}>{t('nav.signedInAs', { name: displayName })}</Text>}
            {onSignOut && (
              <Button size="small" onClick={onSignOut}>
                {t('nav.signOut')}
              </Button>
            )}
          </div>
        </header>
      )}
      <main
        className={`${styles.main} ${width === 'wide' ? styles.wide : width === 'full' ? styles.full : ''}`}
        id="main"
        tabIndex={-1}
      >
        {/* Views are lazy chunks: keep the header up while one loads. */}
        <Suspense fallback={<Loading label={t('app.loading')} />}>{children}</Suspense>
      </main>
    </>
  );
}
