import { Badge, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { RoundEventInput } from '../../../shared/contract/rounds/events';
import { useSession } from '../auth/session';
import type { RoundView } from '../../../shared/contract/rounds/viewSchemas';
import { describeError } from '../errors';
import { useI18n } from '../i18n/I18nProvider';
import { Countdown } from './Countdown';
import { FacilitatorControls } from './FacilitatorControls';
import { kindKey, phaseKey, refusalKey } from './format';
import { MuddyPanel } from './MuddyPanel';
import { PollPanel } from './PollPanel';
import { WordcloudPanel } from './WordcloudPanel';
import { PiFacilitator, revealedPhase } from './PiFacilitator';
import { usePrivateDetails } from '../privacy/PrivateDetails';
import { PiStudent } from './PiStudent';
import { QuestionRoundPanel } from './QuestionRoundPanel';
import { useRoundAction } from './useRoundAction';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  prompt: {
    overflowWrap: 'anywhere',
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  options: { margin: 0, paddingLeft: '1.75rem' },
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
  view: RoundView;
  facilitator: boolean;
  compact: boolean;
  /** Service clock minus this device's clock, for the countdown. */
  clockSkewMs: number;
  onView: (view: RoundView) => void;
}

/** One round: what it asks, its phase and time, then the part for this person's role. */
export function RoundBody({ view, facilitator, compact, clockSkewMs, onView }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const { send: sendEvent, busy, error } = useRoundAction(api, view.roundId, onView);
  const [said, setSaid] = useState('');
  const { shown } = usePrivateDetails();
  // The correct option is marked for the lecturer only when the class may see it too, or behind the switch.
  const markCorrect = shown || revealedPhase(view.phase);
  // The form a student used disappears once the service accepted it: say that it went through.
  const send = useCallback(
    async (event: RoundEventInput) => {
      const ok = await sendEvent(event);
      if (ok && event.type !== 'join') setSaid(t('rounds.sent'));
      return ok;
    },
    [sendEvent, t],
  );
  const refusalMessage = (err: unknown) => {
    const key = refusalKey(err);
    return key ? t(key) : null;
  };
  const prompt =
    view.kind === 'peer_instruction' || view.kind === 'poll'
      ? view.question
      : view.kind === 'question_round'
        ? view.topic
        : view.prompt;

  return (
    <div className={styles.root} data-testid="round" data-phase={view.phase} data-kind={view.kind}>
      <div className={styles.meta}>
        <Badge appearance="outline">{t(kindKey(view.kind))}</Badge>
        <Badge appearance="tint" color="brand" data-testid="round-phase">
          {t(phaseKey(view.phase, view.kind))}
        </Badge>
        <Countdown deadline={view.deadline} skewMs={clockSkewMs} />
      </div>
      <Text as="p" className={styles.prompt}>
        {prompt}
      </Text>
      {view.kind === 'peer_instruction' && (facilitator || view.phase !== 'answering') && (
        <ol className={styles.options} type="A" aria-label={t('rounds.options')}>
          {view.options.map((o, i) => (
            <li key={i}>{markCorrect && view.correctOption === i ? `${o} (${t('rounds.correct')})` : o}</li>
          ))}
        </ol>
      )}
      {error !== null && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{refusalMessage(error) ?? describeError(error, t)}</MessageBarBody>
        </MessageBar>
      )}
      {view.kind === 'peer_instruction' &&
        (facilitator ? (
          <PiFacilitator view={view} compact={compact} />
        ) : (
          <PiStudent view={view} busy={busy} compact={compact} send={send} />
        ))}
      {view.kind === 'question_round' && (
        <QuestionRoundPanel view={view} facilitator={facilitator} busy={busy} send={send} />
      )}
      {view.kind === 'muddiest_point' && (
        <MuddyPanel view={view} facilitator={facilitator} busy={busy} send={send} />
      )}
      {view.kind === 'poll' && <PollPanel view={view} facilitator={facilitator} busy={busy} send={send} />}
      {view.kind === 'wordcloud' && (
        <WordcloudPanel view={view} facilitator={facilitator} busy={busy} send={send} />
      )}
      {view.phase === 'cancelled' && <Text>{t('rounds.cancelled')}</Text>}
      {facilitator && <FacilitatorControls view={view} busy={busy} send={send} />}
      <div role="status" className={styles.live}>
        {said}
      </div>
    </div>
  );
}
