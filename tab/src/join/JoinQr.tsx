import {
  Button,
  Card,
  Link,
  Text,
  Title3,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { ClassId } from '../../../shared/contract/ids';
import { useSession } from '../auth/session';
import { ErrorState } from '../components/States';
import { useLoad } from '../hooks/useLoad';
import { useI18n } from '../i18n/I18nProvider';
import { qrPath } from './qrPath';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  body: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-start' },
  qr: {
    width: '176px',
    height: '176px',
    flexShrink: 0,
    // A QR code must stay dark on light in every theme, or phones cannot read it.
    backgroundColor: '#ffffff',
    borderRadius: tokens.borderRadiusMedium,
  },
  // Large enough to scan from the back row, never wider than the stage's side column (phones, 320 px).
  stageQr: { width: 'min(320px, 100%)', height: 'auto', aspectRatio: '1' },
  side: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
    flex: '1 1 14rem',
  },
  url: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground2 },
  stage: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXL, flexWrap: 'wrap' },
});

/** The QR code of a URL, drawn as one SVG path, black on white. */
export function QrCode({ text, label, className }: { text: string; label: string; className?: string }) {
  const { d, size } = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      className={className}
      shapeRendering="crispEdges"
      data-testid="join-qr"
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={d} fill="#000000" />
    </svg>
  );
}

/**
 * A class's join link with its QR code, for facilitators: copy it, make a new one (the old stops
 * working), open the class in Teams. `stage` is the large "scan to join" for the meeting stage; there it
 * shows nothing unless the viewer may see the link (students get no link, and no error either).
 */
export function JoinQr({
  classId,
  className,
  variant = 'card',
}: {
  classId: ClassId;
  className: string;
  variant?: 'card' | 'stage';
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const { state, setState } = useLoad(() => api.call('getJoinLink', { params: { classId } }), classId);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.status !== 'ready') {
    if (state.status === 'error' && variant === 'card') return <ErrorState error={state.error} />;
    return null;
  }
  const link = state.data;
  const url = `${window.location.origin}${link.path}`;
  const label = t('join.qrLabel', { name: className });

  if (variant === 'stage')
    return (
      <div className={styles.stage} data-testid="stage-join">
        <QrCode text={url} label={label} className={mergeClasses(styles.qr, styles.stageQr)} />
        <div className={styles.side}>
          <Title3 as="h2">{t('join.scan')}</Title3>
          <Text className={styles.url}>{url}</Text>
        </div>
      </div>
    );

  const handleCopy = () => {
    navigator.clipboard?.writeText(url).then(
      () => setNotice(t('join.copied')),
      () => setNotice(url),
    );
  };
  const handleRotate = async () => {
    setBusy(true);
    try {
      const fresh = await api.call('rotateJoinLink', { params: { classId }, body: {} });
      setState({ status: 'ready', data: fresh });
      setNotice(t('join.rotated'));
    } catch (err) {
      setState({ status: 'error', error: err });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className={styles.card} data-testid="join-card">
      <Title3 as="h2">{t('join.title')}</Title3>
      <div className={styles.body}>
        <QrCode text={url} label={label} className={styles.qr} />
        <div className={styles.side}>
          <Text className={styles.url} data-testid="join-url">
            {url}
          </Text>
          <div className={styles.actions}>
            <Button appearance="primary" onClick={handleCopy}>
              {t('join.copy')}
            </Button>
            <Button onClick={() => void handleRotate()} disabled={busy}>
              {t('join.rotate')}
            </Button>
            {link.teamsDeepLink && (
              <Link href={link.teamsDeepLink} target="_blank" rel="noreferrer">
                {t('join.openInTeams')}
              </Link>
            )}
          </div>
          <Text size={200} className={styles.hint}>
            {t('join.hint')}
          </Text>
          <div role="status" aria-live="polite">
            {notice && <Text size={200}>{notice}</Text>}
          </div>
        </div>
      </div>
    </Card>
  );
}
