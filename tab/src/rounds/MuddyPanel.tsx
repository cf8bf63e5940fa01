import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { ROUND_LIMITS } from '../../../shared/contract/rounds/limits';
import type { RoundEventInput } from '../../../shared/contract/rounds/events';
import type { MuddyView } from '../../../shared/contract/rounds/viewSchemas';
import { EmptyState } from '../components/States';
import { useI18n } from '../i18n/I18nProvider';
import { TextForm } from './TextForm';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  note: { color: tokens.colorNeutralForeground2 },
});

interface Props {
  view: MuddyView;
  facilitator: boolean;
  busy: boolean;
  send: (event: RoundEventInput) => Promise<boolean>;
}

/** Muddiest point: students name theirs once; facilitators see the count and the grouped list. */
export function MuddyPanel({ view, facilitator, busy, send }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <div className={styles.root}>
      <Text data-testid="answer-counts">{t('rounds.counts.muddy', { count: view.submittedCount })}</Text>
      {!facilitator &&
        (view.mine ? (
          <Text className={styles.note} data-testid="my-muddy">
            {t('rounds.muddy.mine', { text: view.mine.text })}
          </Text>
        ) : (
          view.phase === 'collecting' && (
            <TextForm
              label="rounds.muddy.label"
              submit="rounds.muddy.submit"
              maxLength={ROUND_LIMITS.muddyTextMax}
              busy={busy}
              anonymous={view.allowAnonymous ? true : undefined}
              onSubmit={(text, anonymous) => send({ type: 'submitMuddy', text, anonymous })}
            />
          )
        ))}
      {facilitator &&
        view.clusters &&
        (view.clusters.length === 0 ? (
          <EmptyState>{t('rounds.muddy.empty')}</EmptyState>
        ) : (
          <ol className={styles.list} aria-label={t('rounds.muddy.clusters')} data-testid="muddy-clusters">
            {view.clusters.map((c) => (
              <li key={c.ids.join(',')}>
                {t('rounds.muddy.cluster', { text: c.representative, count: c.count })}
              </li>
            ))}
          </ol>
        ))}
    </div>
  );
}
