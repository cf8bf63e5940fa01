import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { openEventStream } from '../../../shared/client/eventStream';
import { rankBackstage } from '../../../shared/contract/backstage/model';
import type { BackstageQuestionView } from '../../../shared/contract/backstage/schemas';
import type { SessionId } from '../../../shared/contract/ids';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/I18nProvider';

/** How many questions the stage shows: readable from the back of a lecture hall. */
const STAGE_TOP = 5;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  // The stage's own screen-scaled sizes (set by StageView), so this reads from the back row like the rest.
  title: {
    fontSize: 'var(--stoa-stage-item)',
    lineHeight: 1.25,
    fontWeight: tokens.fontWeightSemibold,
    margin: 0,
  },
  empty: { fontSize: 'var(--stoa-stage-small)', lineHeight: 1.35, color: tokens.colorNeutralForeground2 },
  item: { fontSize: 'var(--stoa-stage-item)', lineHeight: 1.3, overflowWrap: 'anywhere' },
  meta: {
    color: tokens.colorNeutralForeground2,
    fontSize: 'var(--stoa-stage-small)',
    marginLeft: tokens.spacingHorizontalS,
  },
  pinned: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
});

/**
 * The backstage's top questions on the stage, live: read once, then kept current from the session's
 * event stream (a hidden question leaves at once). Only public views arrive here: no anonymous author,
 * nothing waiting for approval. Self-contained, so the stage places it with one line.
 */
export function StageBackstage({ sessionId }: { sessionId: SessionId }) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const [byId, setById] = useState<ReadonlyMap<string, BackstageQuestionView>>(new Map());

  useEffect(() => {
    let stopped = false;
    const load = () =>
      api.call('listBackstage', { params: { sessionId }, query: { limit: 50 } }).then(
        (page) => !stopped && setById(new Map(page.items.map((q) => [q.id, q]))),
        () => undefined,
      );
    const handle = openEventStream({
      baseUrl: api.baseUrl,
      sessionId,
      getToken: () => api.token(),
      onEvent: ({ event }) => {
        if (stopped) return;
        if (event.type === 'backstage_questions')
          setById((prev) => {
            const next = new Map(prev);
            for (const q of event.questions) {
              if (q.status === 'published') next.set(q.id, q);
              else next.delete(q.id);
            }
            return next;
          });
        else if (event.type === 'backstage_removed')
          setById((prev) => {
            const next = new Map(prev);
            next.delete(event.questionId);
            return next;
          });
      },
      onState: (state) => {
        if (state === 'open') void load();
      },
    });
    void load();
    return () => {
      stopped = true;
      handle.close();
    };
  }, [api, sessionId]);

  const top = rankBackstage(
    [...byId.values()].filter((q) => !q.answered),
    Date.now(),
  ).slice(0, STAGE_TOP);
  return (
    <section className={styles.root} data-testid="stage-backstage" aria-labelledby="stage-questions-title">
      <h2 className={styles.title} id="stage-questions-title">
        {t('stage.questions.title')}
      </h2>
      {top.length === 0 ? (
        <Text className={styles.empty}>{t('stage.questions.empty')}</Text>
      ) : (
        <ol className={styles.list}>
          {top.map((q) => (
            <li key={q.id} className={styles.item} data-testid="stage-backstage-question">
              {q.pinned && <span className={styles.pinned}>{t('stage.questions.pinned')} </span>}
              {q.text}
              <span
                className={styles.meta}
                role="img"
                aria-label={t('stage.questions.votesLabel', { count: q.up })}
              >
                {t('stage.questions.votes', { count: q.up })}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
