import { Button, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ModerationAction } from '../../../shared/contract/moderation/status';
import type { ModerationItem, ModerationQueue } from '../../../shared/contract/backstage/schemas';
import { useI18n } from '../i18n/I18nProvider';
import { usePrivateDetails } from '../privacy/PrivateDetails';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalXS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteMarigoldBorderActive}`,
    paddingLeft: tokens.spacingHorizontalS,
    overflowWrap: 'anywhere',
  },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

type Section = 'pending' | 'reported' | 'hidden';
const ACTIONS: Record<Section, ModerationAction[]> = {
  pending: ['approve', 'hide'],
  reported: ['hide'],
  hidden: ['restore'],
};

/**
 * The facilitators' moderation queue of this session: posts waiting for approval, reported, or hidden. The
 * service sends every author (facilitators are accountable for what they let through), but an anonymous one
 * shows only while "Show private details" is on, since lecturers share this screen.
 */
export function ModerationQueueView({
  queue,
  sessionId,
  busy,
  onModerate,
}: {
  queue: ModerationQueue;
  sessionId: string;
  busy: boolean;
  onModerate: (item: ModerationItem, action: ModerationAction) => void;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const { shown } = usePrivateDetails();
  const mine = (items: ModerationItem[]) => items.filter((i) => i.sessionId === sessionId);
  const sections: [Section, ModerationItem[]][] = [
    ['pending', mine(queue.pending)],
    ['reported', mine(queue.reported)],
    ['hidden', mine(queue.hidden)],
  ];
  const total = sections.reduce((n, [, items]) => n + items.length, 0);
  const author = (i: ModerationItem) => (i.anonymous && !shown ? t('backstage.anonymous') : i.authorName);
  return (
    <section className={styles.root} data-testid="backstage-queue" aria-labelledby="backstage-queue-title">
      <Subtitle2 as="h3" id="backstage-queue-title">
        {t('backstage.queue.title')}
      </Subtitle2>
      {total === 0 && <Text>{t('backstage.queue.empty')}</Text>}
      {sections.map(
        ([section, items]) =>
          items.length > 0 && (
            <div key={section}>
              <Text weight="semibold">{t(`backstage.queue.${section}`, { count: items.length })}</Text>
              <ul className={styles.list}>
                {items.map((i) => (
                  <li key={i.itemId} className={styles.item} data-testid={`backstage-queue-${section}`}>
                    <Text>{i.text}</Text>
                    <span className={styles.meta}>
                      {i.kind === 'backstage_answer' ? `${t('backstage.queue.answerKind')} · ` : ''}
                      {author(i)}
                      {i.reports > 0 && ` · ${t('backstage.queue.reports', { count: i.reports })}`}
                      {i.matched.length > 0 &&
                        ` · ${t('backstage.queue.matched', { words: i.matched.join(', ') })}`}
                    </span>
                    <div className={styles.actions}>
                      {ACTIONS[section].map((action) => (
                        <Button
                          key={action}
                          size="small"
                          disabled={busy}
                          appearance={action === 'approve' ? 'primary' : 'secondary'}
                          onClick={() => onModerate(i, action)}
                        >
                          {t(`backstage.${action}`)}
                        </Button>
                      ))}
                    </div>
                  </li>
                ))}
              </ul>
            </div>
          ),
      )}
    </section>
  );
}
