import { Text, Title1, makeStyles, tokens } from '@fluentui/react-components';
import type { SessionId } from '../../../shared/contract/ids';
import { useSession } from '../auth/session';
import { ErrorState, Loading } from '../components/States';
import { useLoad } from '../hooks/useLoad';
import { useI18n } from '../i18n/I18nProvider';
import { loadRoundContext } from '../rounds/roundContext';
import { currentRound, type RoundRole } from '../rounds/roundState';
import { StreamStatus } from '../rounds/StreamStatus';
import { useSessionRounds } from '../rounds/useSessionRounds';
import { StageRound } from './StageRound';
import { JoinQr } from '../join/JoinQr';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingVerticalXL,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase500 },
});

/**
 * The meeting stage: the current round for the room, in large type. Only what the whole room may see is
 * shown whoever opens it: counts while people answer, results after the reveal, questions without authors.
 */
export default function StageView({ sessionId }: { sessionId: string | null }) {
  const styles = useStyles();
  const { t } = useI18n();
  if (!sessionId) {
    return (
      <div className={styles.root}>
        <Title1 as="h1">{t('stage.title')}</Title1>
        <Text className={styles.muted}>{t('stage.missingSession')}</Text>
      </div>
    );
  }
  return <StageLoader sessionId={sessionId as SessionId} />;
}

function StageLoader({ sessionId }: { sessionId: SessionId }) {
  const { t } = useI18n();
  const { api } = useSession();
  const { state, reload } = useLoad(() => loadRoundContext(api, sessionId), sessionId);
  if (state.status === 'loading') return <Loading label={t('stage.loading')} />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} />;
  const { session, role } = state.data;
  return (
    <>
      <StageLive sessionId={sessionId} title={session.title} role={role} />
      {role === 'facilitator' && (
        <JoinQr classId={session.classId} className={session.title} variant="stage" />
      )}
    </>
  );
}

function StageLive({ sessionId, title, role }: { sessionId: SessionId; title: string; role: RoundRole }) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const { rounds, list, stream, retry, clockSkewMs } = useSessionRounds(api, sessionId, role);
  const round = currentRound(rounds);
  return (
    <div className={styles.root} data-testid="stage">
      <div className={styles.head}>
        <Text className={styles.muted}>{title}</Text>
        <StreamStatus state={stream} />
      </div>
      {list.status === 'error' && <ErrorState error={list.error} onRetry={retry} />}
      {round ? (
        <StageRound view={round} clockSkewMs={clockSkewMs} />
      ) : (
        <>
          <Title1 as="h1">{t('stage.title')}</Title1>
          <Text className={styles.muted}>
            {list.status === 'loading' ? t('stage.loading') : t('stage.noRound')}
          </Text>
        </>
      )}
    </div>
  );
}
