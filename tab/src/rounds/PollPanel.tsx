import { Button, Text, ToggleButton, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId, useState, type FormEvent } from 'react';
import type { RoundEventInput } from '../../../shared/contract/rounds/events';
import type { PollView } from '../../../shared/contract/rounds/viewSchemas';
import { useI18n } from '../i18n/I18nProvider';
import { PollChart } from './charts/PollChart';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  choices: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  scale: { flexDirection: 'row', flexWrap: 'wrap' },
  choice: {
    justifyContent: 'flex-start',
    textAlign: 'left',
    whiteSpace: 'normal',
    height: 'auto',
    minHeight: '44px',
  },
  scaleChoice: { minWidth: '44px', justifyContent: 'center' },
  legend: { fontWeight: tokens.fontWeightSemibold },
  note: { color: tokens.colorNeutralForeground2 },
  voters: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

interface Props {
  view: PollView;
  facilitator: boolean;
  busy: boolean;
  send: (event: RoundEventInput) => Promise<boolean>;
}

/**
 * A quick poll. Students pick (and may change) one answer while answers are open; results show after the
 * reveal. Facilitators see only the count while answers are open, then a private preview until they reveal.
 */
export function PollPanel({ view, facilitator, busy, send }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  const open = view.phase === 'answering';
  const revealed = view.phase === 'revealed' || view.phase === 'ended';
  const mine = view.myAnswer === null ? null : (view.options[view.myAnswer] ?? null);
  return (
    <div className={styles.root}>
      <Text data-testid="answer-counts">{t('rounds.poll.counts', { count: view.answeredCount })}</Text>
      {!facilitator && open && <PollForm view={view} busy={busy} send={send} />}
      {!facilitator && mine !== null && (
        <Text data-testid="my-poll-answer">
          {t('rounds.poll.mine', { answer: mine })}
          {open ? ` ${t('rounds.poll.canChange')}` : ''}
        </Text>
      )}
      {!facilitator && open && (
        <Text size={200} className={styles.note}>
          {t(view.anonymous ? 'rounds.poll.anonymousNote' : 'rounds.poll.namedNote')}
        </Text>
      )}
      {!facilitator && view.phase === 'gate' && (
        <Text className={styles.note}>{t('rounds.poll.hiddenUntilReveal')}</Text>
      )}
      {facilitator && open && <Text className={styles.note}>{t('rounds.poll.hiddenWhileAnswering')}</Text>}
      {facilitator && view.phase === 'gate' && (
        <Text className={styles.note}>{t('rounds.poll.privatePreview')}</Text>
      )}
      {view.results && (facilitator || revealed) && (
        <PollChart options={view.options} results={view.results} scale={view.scale} />
      )}
      {facilitator && view.voters && view.voters.length > 0 && (
        <section aria-label={t('rounds.poll.voters')}>
          <Text weight="semibold">{t('rounds.poll.voters')}</Text>
          <ul className={styles.voters} data-testid="poll-voters">
            {view.voters.map((v) => (
              <li key={v.userId}>{`${v.name || t('rounds.unnamed')}: ${view.options[v.option] ?? ''}`}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** The answer: one toggle button per option (a row of numbers for a scale), then send. */
function PollForm({ view, busy, send }: Omit<Props, 'facilitator'>) {
  const styles = useStyles();
  const { t } = useI18n();
  const legendId = useId();
  const [choice, setChoice] = useState<number | null>(view.myAnswer);
  const scale = view.scale !== null;
  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (choice !== null) void send({ type: 'pollAnswer', option: choice });
  };
  return (
    <form className={styles.form} onSubmit={handleSubmit} data-testid="poll-form">
      <div id={legendId} className={styles.legend}>
        {t('rounds.poll.choose')}
      </div>
      <div
        role="group"
        aria-labelledby={legendId}
        className={mergeClasses(styles.choices, scale && styles.scale)}
      >
        {view.options.map((text, i) => (
          <ToggleButton
            key={i}
            className={mergeClasses(styles.choice, scale && styles.scaleChoice)}
            checked={choice === i}
            appearance={choice === i ? 'primary' : 'secondary'}
            onClick={() => setChoice(i)}
          >
            {text}
          </ToggleButton>
        ))}
      </div>
      <div>
        <Button
          type="submit"
          appearance="primary"
          disabled={busy || choice === null || choice === view.myAnswer}
        >
          {t(view.myAnswer === null ? 'rounds.poll.send' : 'rounds.poll.change')}
        </Button>
      </div>
    </form>
  );
}
