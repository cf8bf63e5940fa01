import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { RoundEventInput } from '../../../shared/contract/rounds/events';
import { ROUND_LIMITS } from '../../../shared/contract/rounds/limits';
import type { WordcloudView, WordEntryView } from '../../../shared/contract/rounds/viewSchemas';
import { EmptyState } from '../components/States';
import { useI18n } from '../i18n/I18nProvider';
import { WordCloud } from './charts/WordCloud';
import { TextForm } from './TextForm';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  note: { color: tokens.colorNeutralForeground2 },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  entry: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  text: { overflowWrap: 'anywhere' },
  hiddenText: { textDecorationLine: 'line-through', color: tokens.colorNeutralForeground3 },
  mine: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

interface Props {
  view: WordcloudView;
  facilitator: boolean;
  busy: boolean;
  send: (event: RoundEventInput) => Promise<boolean>;
}

/**
 * A word cloud. Students add up to a few words while it collects and see the cloud after the reveal;
 * facilitators approve what the word filter held back, hide or restore any entry, and see the cloud.
 */
export function WordcloudPanel({ view, facilitator, busy, send }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  const open = view.phase === 'collecting';
  const revealed = view.phase === 'revealed' || view.phase === 'ended';
  const mine = view.mine ?? [];
  const left = view.entriesPerStudent - mine.length;
  return (
    <div className={styles.root}>
      <Text data-testid="answer-counts">{t('rounds.cloud.counts', { count: view.submittedCount })}</Text>
      {!facilitator && mine.length > 0 && (
        <div className={styles.mine} data-testid="my-words" aria-label={t('rounds.cloud.mine')} role="group">
          {mine.map((m) => (
            <Badge
              key={m.id}
              appearance={m.status === 'held' ? 'outline' : 'tint'}
              color={m.status === 'held' ? 'warning' : 'brand'}
            >
              {m.status === 'held' ? `${m.text} (${t('rounds.cloud.status.held')})` : m.text}
            </Badge>
          ))}
        </div>
      )}
      {!facilitator && open && left > 0 && (
        <TextForm
          label="rounds.cloud.label"
          submit="rounds.cloud.submit"
          maxLength={ROUND_LIMITS.wordcloudTextMax}
          busy={busy}
          onSubmit={(text) => send({ type: 'submitWord', text })}
        />
      )}
      {!facilitator && open && (
        <Text size={200} className={styles.note}>
          {left > 0 ? t('rounds.cloud.left', { count: left }) : t('rounds.cloud.full')}
        </Text>
      )}
      {!facilitator && view.phase === 'gate' && (
        <Text className={styles.note}>{t('rounds.cloud.hiddenUntilReveal')}</Text>
      )}
      {facilitator && view.phase === 'gate' && (
        <Text className={styles.note}>{t('rounds.cloud.privatePreview')}</Text>
      )}
      {view.cloud &&
        (facilitator ? !open : revealed) &&
        (view.cloud.length === 0 ? (
          <EmptyState>{t('rounds.cloud.empty')}</EmptyState>
        ) : (
          <WordCloud words={view.cloud} />
        ))}
      {facilitator && view.entries && <Moderation entries={view.entries} busy={busy} send={send} />}
    </div>
  );
}

/** The facilitator's moderation: held entries first (approve or keep hidden), then every entry. */
function Moderation({
  entries,
  busy,
  send,
}: {
  entries: WordEntryView[];
  busy: boolean;
  send: Props['send'];
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const held = entries.filter((e) => e.status === 'held');
  const others = entries.filter((e) => e.status !== 'held');
  const moderate = (entryId: string, visible: boolean) =>
    void send({ type: 'moderateWord', entryId, visible });
  const row = (e: WordEntryView) => (
    <li key={e.id} className={styles.entry} data-status={e.status}>
      <Text className={e.status === 'hidden' ? `${styles.text} ${styles.hiddenText}` : styles.text}>
        {e.text}
      </Text>
      {e.author && (
        <Text size={200} className={styles.note}>
          {t('rounds.cloud.by', { name: e.author.name || t('rounds.unnamed') })}
        </Text>
      )}
      {e.status !== 'visible' && (
        <Button
          size="small"
          appearance={e.status === 'held' ? 'primary' : 'secondary'}
          disabledFocusable={busy}
          aria-label={t(e.status === 'held' ? 'rounds.cloud.approveLabel' : 'rounds.cloud.restoreLabel', {
            text: e.text,
          })}
          onClick={() => moderate(e.id, true)}
        >
          {t(e.status === 'held' ? 'rounds.cloud.approve' : 'rounds.cloud.restore')}
        </Button>
      )}
      {e.status !== 'hidden' && (
        <Button
          size="small"
          disabledFocusable={busy}
          aria-label={t('rounds.cloud.hideLabel', { text: e.text })}
          onClick={() => moderate(e.id, false)}
        >
          {t('rounds.cloud.hide')}
        </Button>
      )}
    </li>
  );
  return (
    <>
      {held.length > 0 && (
        <section aria-label={t('rounds.cloud.held', { count: held.length })} data-testid="held-words">
          <Text weight="semibold">{t('rounds.cloud.held', { count: held.length })}</Text>
          <Text as="p" size={200} className={styles.note}>
            {t('rounds.cloud.heldHint')}
          </Text>
          <ul className={styles.list}>{held.map(row)}</ul>
        </section>
      )}
      {others.length > 0 && (
        <details data-testid="all-words">
          <summary>{t('rounds.cloud.entries', { count: others.length })}</summary>
          <ul className={styles.list}>{[...others].reverse().map(row)}</ul>
        </details>
      )}
    </>
  );
}
