import { Badge, Card, Text, Title2, Title3, makeStyles, tokens } from '@fluentui/react-components';
import type { MyActivity, MyQuestion } from '../../../shared/contract/dashboard';
import { TAB_ROUTES } from '../../../shared/contract/tabRoutes';
import { useSession } from '../auth/session';
import { ClassList } from '../components/ClassList';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useLoad } from '../hooks/useLoad';
import { useMyClasses } from '../hooks/useMyClasses';
import { useI18n } from '../i18n/I18nProvider';
import { RouterLink, pathWith } from '../router/router';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  meta: { color: tokens.colorNeutralForeground2 },
  quote: { overflowWrap: 'anywhere' },
  answers: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

const notesPath = (classId: string, sessionId: string) =>
  pathWith(TAB_ROUTES.channel, { classId, sessionId });

/** The static personal tab: my classes, recent sessions, my open flags, my questions and their answers. */
export default function PersonalView() {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const classes = useMyClasses();
  const { state, reload } = useLoad(() => api.call('getMyActivity', {}), 'my-activity');

  return (
    <>
      <Title2 as="h1">{t('personal.title')}</Title2>
      <section className={styles.section} aria-labelledby="personal-classes">
        <Title3 as="h2" id="personal-classes">
          {t('personal.classes')}
        </Title3>
        {classes.state.status === 'loading' && <Loading label={t('classes.loading')} />}
        {classes.state.status === 'error' && (
          <ErrorState error={classes.state.error} onRetry={classes.reload} />
        )}
        {classes.state.status === 'ready' &&
          (classes.state.data.items.length === 0 ? (
            <EmptyState>{t('classes.empty.student')}</EmptyState>
          ) : (
            <ClassList
              classes={classes.state.data.items}
              hasMore={classes.state.data.nextCursor !== null}
              onLoadMore={classes.loadMore}
            />
          ))}
      </section>
      {state.status === 'loading' && <Loading label={t('personal.loading')} />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'ready' && <Activity activity={state.data} />}
    </>
  );
}

function Activity({ activity }: { activity: MyActivity }) {
  const styles = useStyles();
  const { t, language } = useI18n();
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <section className={styles.section} aria-labelledby="personal-recent">
        <Title3 as="h2" id="personal-recent">
          {t('personal.recent')}
        </Title3>
        {activity.recentSessions.length === 0 ? (
          <EmptyState>{t('personal.recentEmpty')}</EmptyState>
        ) : (
          <ul className={styles.list} data-testid="recent-sessions">
            {activity.recentSessions.map((s) => (
              <li key={s.sessionId} className={styles.row}>
                <RouterLink to={notesPath(s.classId, s.sessionId)}>{s.title}</RouterLink>
                <Text size={200} className={styles.meta}>
                  {s.className} · {date.format(new Date(s.startedAt))}
                </Text>
                {s.status === 'live' && (
                  <Badge appearance="tint" color="success">
                    {t('sessions.live')}
                  </Badge>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className={styles.section} aria-labelledby="personal-flags">
        <Title3 as="h2" id="personal-flags">
          {t('personal.flags')}
        </Title3>
        {activity.openFlags.length === 0 ? (
          <EmptyState>{t('personal.flagsEmpty')}</EmptyState>
        ) : (
          <ul className={styles.list} data-testid="my-flags">
            {activity.openFlags.map((f) => (
              <li key={`${f.sessionId}/${f.annotationId}`}>
                <Text className={styles.quote} block>
                  {t('notes.panel.quote', { quote: f.quote })}
                </Text>
                <div className={styles.row}>
                  <Text size={200} className={styles.meta}>
                    {t('personal.flagIn', { session: f.sessionTitle, className: f.className })}
                  </Text>
                  <RouterLink to={notesPath(f.classId, f.sessionId)}>{t('personal.openNotes')}</RouterLink>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className={styles.section} aria-labelledby="personal-questions">
        <Title3 as="h2" id="personal-questions">
          {t('personal.questions')}
        </Title3>
        {activity.questions.length === 0 ? (
          <EmptyState>{t('personal.questionsEmpty')}</EmptyState>
        ) : (
          <ul className={styles.list} data-testid="my-questions">
            {activity.questions.map((q) => (
              <li key={`${q.roundId}/${q.askedAt}/${q.text}`}>
                <QuestionCard question={q} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function QuestionCard({ question: q }: { question: MyQuestion }) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <Card>
      <Text weight="semibold" className={styles.quote} block>
        {q.text}
      </Text>
      <Text size={200} className={styles.meta}>
        {q.topic} · {q.sessionTitle} · {q.className}
        {q.anonymous && ` · ${t('personal.askedAnonymously')}`}
      </Text>
      {q.answers.length === 0 ? (
        <Text className={styles.meta}>{t('personal.noAnswer')}</Text>
      ) : (
        <ul className={styles.answers}>
          {q.answers.map((a, i) => (
            <li key={i}>
              <Text className={styles.quote} block>
                {a.text}
              </Text>
              <Text size={200} className={styles.meta}>
                {a.byFacilitator
                  ? t('personal.answerByFacilitator', { name: a.authorName ?? '' })
                  : a.authorName
                    ? t('personal.answerBy', { name: a.authorName })
                    : t('personal.answerAnonymous')}
                {a.endorsed && ` · ${t('personal.endorsed')}`}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
