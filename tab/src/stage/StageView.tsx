import { Text, Title1, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { SessionId } from '../../../shared/contract/ids';
import type { QuestionRoundView, RoundView } from '../../../shared/contract/rounds/viewSchemas';
import { useSession } from '../auth/session';
import { ErrorState, Loading } from '../components/States';
import { useLoad } from '../hooks/useLoad';
import { useI18n } from '../i18n/I18nProvider';
import { loadRoundContext } from '../rounds/roundContext';
import { currentRound, roundView, type RoundRole, type RoundsState } from '../rounds/roundState';
import { StreamStatus } from '../rounds/StreamStatus';
import { useSessionRounds } from '../rounds/useSessionRounds';
import { StageBackstage } from './StageBackstage';
import { StageQuestions } from './StageQuestions';
import { StageRound } from './StageRound';
import { JoinQr } from '../join/JoinQr';

/** Questions beside a Peer Instruction round: the room keeps seeing what was answered. */
const SIDE_QUESTIONS = 4;

const useStyles = makeStyles({
  root: {
    // One set of type sizes for the stage, scaled with the screen: 1280×720 to 1920×1080 and beyond.
    '--stoa-stage-title': 'clamp(2rem, 3.1vw, 4rem)',
    '--stoa-stage-count': 'clamp(2.5rem, 4.2vw, 5.5rem)',
    '--stoa-stage-item': 'clamp(1.4rem, 2vw, 2.6rem)',
    '--stoa-stage-small': 'clamp(1.1rem, 1.35vw, 1.75rem)',
    boxSizing: 'border-box',
    minHeight: 'calc(100vh - 2 * 24px)',
    display: 'flex',
    flexDirection: 'column',
    gap: 'clamp(12px, 2vh, 32px)',
    padding: 'clamp(12px, 2vw, 40px)',
  },
  head: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    flexWrap: 'wrap',
    color: tokens.colorNeutralForeground2,
    fontSize: 'var(--stoa-stage-small)',
  },
  body: {
    flexGrow: 1,
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: 'clamp(16px, 3vw, 56px)',
    alignItems: 'start',
    '@media (min-width: 960px)': { gridTemplateColumns: 'minmax(0, 1fr) clamp(17rem, 26vw, 34rem)' },
  },
  side: { display: 'flex', flexDirection: 'column', gap: 'clamp(12px, 2vh, 28px)', minWidth: 0 },
  // Reserved for the "scan to join" code, which another part of Stoa puts here.
  joinSlot: { display: 'flex', flexDirection: 'column', alignItems: 'center', ':empty': { display: 'none' } },
  sideTitle: { fontSize: 'var(--stoa-stage-item)', fontWeight: tokens.fontWeightSemibold, margin: 0 },
  muted: { color: tokens.colorNeutralForeground2, fontSize: 'var(--stoa-stage-item)' },
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
  // The join code is for the room to scan from the projector; only a facilitator's stage shows it.
  const join =
    role === 'facilitator' ? (
      <JoinQr classId={session.classId} className={session.title} variant="stage" />
    ) : null;
  return <StageLive sessionId={sessionId} title={session.title} role={role} join={join} />;
}

/** The newest question round other than the one in the middle of the stage. */
function latestQuestions(rounds: RoundsState, shown: RoundView | null): QuestionRoundView | null {
  for (const id of rounds.order) {
    const view = roundView(rounds, id);
    if (view?.kind === 'question_round' && view.roundId !== shown?.roundId) return view;
  }
  return null;
}

function StageLive({
  sessionId,
  title,
  role,
  join,
}: {
  sessionId: SessionId;
  title: string;
  role: RoundRole;
  join: ReactNode;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const { rounds, list, stream, retry, clockSkewMs } = useSessionRounds(api, sessionId, role);
  const round = currentRound(rounds);
  const questions = latestQuestions(rounds, round);
  return (
    <div className={styles.root} data-testid="stage">
      <div className={styles.head}>
        <span>{title}</span>
        <StreamStatus state={stream} />
      </div>
      {list.status === 'error' && <ErrorState error={list.error} onRetry={retry} />}
      <div className={styles.body}>
        <div>
          {round ? (
            <StageRound view={round} clockSkewMs={clockSkewMs} />
          ) : (
            <>
              <Title1 as="h1">{t('stage.title')}</Title1>
              <Text as="p" className={styles.muted}>
                {list.status === 'loading' ? t('stage.loading') : t('stage.noRound')}
              </Text>
            </>
          )}
        </div>
        <aside className={styles.side} data-testid="stage-side">
          <div className={styles.joinSlot} data-testid="stage-join-slot">
            {join}
          </div>
          <StageBackstage sessionId={sessionId} />
          {questions && (
            <section className={styles.side} aria-labelledby="stoa-stage-questions">
              <h2 className={styles.sideTitle} id="stoa-stage-questions">
                {t('stage.questions')}
              </h2>
              <StageQuestions view={questions} max={SIDE_QUESTIONS} />
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}
