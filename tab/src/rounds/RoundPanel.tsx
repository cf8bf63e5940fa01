import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Text,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ClassId, SessionId } from '../../../shared/contract/ids';
import { useSession } from '../auth/session';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useLoad } from '../hooks/useLoad';
import { useI18n } from '../i18n/I18nProvider';
import { RoundBody } from './RoundBody';
import { loadRoundContext } from './roundContext';
import { currentRound, type RoundRole } from './roundState';
import { kindKey, phaseKey } from './format';
import { ShareToStage } from './ShareToStage';
import { StartRoundForm } from './StartRoundForm';
import { StreamStatus } from './StreamStatus';
import { useSessionRounds } from './useSessionRounds';
import { ANSWER_SHEET_ID, bannerFor, type RoundBannerInfo } from './banner';
import { PrivateDetailsSwitch, usePrivateDetails } from '../privacy/PrivateDetails';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  live: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});

interface Props {
  sessionId: string;
  /** Meeting side panel: fewer charts, the share-to-stage button. */
  compact?: boolean;
  /** Told what the student's round banner should say (null: no round to show). */
  onBanner?: (info: RoundBannerInfo | null, clockSkewMs: number) => void;
}

/**
 * The live round of a session, next to its notes (a lazy chunk). The person's role in the class decides
 * which views they follow; the service enforces it anyway.
 */
export default function RoundPanel({ sessionId, compact = false, onBanner }: Props) {
  const { t } = useI18n();
  const { api } = useSession();
  const { state, reload } = useLoad(() => loadRoundContext(api, sessionId as SessionId), sessionId);
  if (state.status === 'loading') return <Loading label={t('rounds.loading')} />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} />;
  return (
    <LiveRounds
      sessionId={state.data.session.id}
      classId={state.data.session.classId}
      role={state.data.role}
      sessionLive={state.data.session.status === 'live'}
      compact={compact}
      onBanner={onBanner}
    />
  );
}

function LiveRounds({
  sessionId,
  classId,
  role,
  sessionLive,
  compact,
  onBanner,
}: {
  sessionId: SessionId;
  classId: ClassId;
  role: RoundRole;
  sessionLive: boolean;
  compact: boolean;
  onBanner: Props['onBanner'];
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api, teams } = useSession();
  const { rounds, list, stream, retry, applyOwn, sessionEnded, clockSkewMs } = useSessionRounds(
    api,
    sessionId,
    role,
  );
  const live = sessionLive && !sessionEnded;
  const [starting, setStarting] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const facilitator = role === 'facilitator';
  const round = currentRound(rounds);
  const running = round !== null && round.phase !== 'ended' && round.phase !== 'cancelled';

  const banner = bannerFor(round);
  const bannerKey = banner
    ? `${banner.roundId}:${banner.phase}:${banner.actionNeeded}:${banner.deadline}`
    : '';
  useEffect(() => {
    onBanner?.(banner, clockSkewMs);
    // `bannerKey` holds everything the banner shows; the object itself is new on every render.
  }, [bannerKey, clockSkewMs, onBanner]);
  useEffect(() => () => onBanner?.(null, 0), [onBanner]);

  // "Show private details" holds for one round: a new round starts safe for a shared screen again.
  const { setShown } = usePrivateDetails();
  const roundId = round?.roundId ?? null;
  const lastRound = useRef(roundId);
  useEffect(() => {
    if (lastRound.current !== roundId) setShown(false);
    lastRound.current = roundId;
  }, [roundId, setShown]);

  // Announce phase changes (not the first render: the page already says where the round is).
  const seen = useRef<string | null>(null);
  const phaseId = round ? `${round.roundId}:${round.phase}` : null;
  useEffect(() => {
    if (!round || phaseId === null) return;
    if (seen.current !== null && seen.current !== phaseId) {
      setAnnouncement(
        t('rounds.announce.phase', {
          kind: t(kindKey(round.kind)),
          phase: t(phaseKey(round.phase, round.kind)),
        }),
      );
    }
    seen.current = phaseId;
  }, [phaseId, round, t]);

  return (
    <section className={styles.root} aria-labelledby="stoa-round-title" data-testid="round-panel">
      <div className={styles.header}>
        <Title3 as="h2" id="stoa-round-title">
          {t('rounds.title')}
        </Title3>
        <StreamStatus state={stream} />
        {facilitator && <ShareToStage teams={teams} sessionId={sessionId} />}
      </div>
      {facilitator && <PrivateDetailsSwitch />}
      {stream === 'closed' && (
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>{t('rounds.stream.stopped')}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={retry}>{t('common.retry')}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {list.status === 'error' && <ErrorState error={list.error} onRetry={retry} />}
      {list.status === 'loading' && !round && <Loading label={t('rounds.loading')} />}
      {list.status !== 'loading' && !running && !starting && (
        <EmptyState>{facilitator ? t('rounds.empty.facilitator') : t('rounds.empty.student')}</EmptyState>
      )}
      {facilitator &&
        !running &&
        live &&
        list.status === 'ready' &&
        (starting ? (
          <StartRoundForm
            sessionId={sessionId}
            classId={classId}
            onCancel={() => setStarting(false)}
            onStarted={(view) => {
              applyOwn(view);
              setStarting(false);
            }}
          />
        ) : (
          <div>
            <Button appearance="primary" onClick={() => setStarting(true)}>
              {t('rounds.start.open')}
            </Button>
          </div>
        ))}
      {round && !starting && (
        <div id={ANSWER_SHEET_ID} tabIndex={-1}>
          <RoundBody
            key={round.roundId}
            view={round}
            facilitator={facilitator}
            compact={compact}
            clockSkewMs={clockSkewMs}
            onView={applyOwn}
          />
        </div>
      )}
      {!live && <Text size={200}>{t('rounds.sessionEnded')}</Text>}
      <div role="status" aria-live="polite" className={styles.live} data-testid="round-announcer">
        {announcement}
      </div>
    </section>
  );
}
