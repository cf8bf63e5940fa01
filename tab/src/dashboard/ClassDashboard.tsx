import { Title2, Title3, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ClassDashboard as Dashboard } from '../../../shared/contract/dashboard';
import { TAB_ROUTES } from '../../../shared/contract/tabRoutes';
import { EmptyState } from '../components/States';
import { useI18n } from '../i18n/I18nProvider';
import { RouterLink, pathWith } from '../router/router';
import { dashboardFormat } from './format';
import { StatGrid } from './StatGrid';
import { HeaderRow } from './HeaderRow';
import { useTableStyles } from './tables';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
});

/** A class's dashboard: totals over its recent sessions and one row per session, linking to its dashboard. */
export function ClassDashboard({ data }: { data: Dashboard }) {
  const styles = useStyles();
  const tables = useTableStyles();
  const { t, language } = useI18n();
  const f = dashboardFormat(language, t);
  const a = data.totals;
  const num = mergeClasses(tables.td, tables.num);
  return (
    <>
      <RouterLink to={pathWith(TAB_ROUTES.channel, { classId: data.classId })}>
        {t('dashboard.back')}
      </RouterLink>
      <Title2 as="h1">{t('dashboard.classTitle', { name: data.name })}</Title2>
      <StatGrid
        label={t('dashboard.title')}
        stats={[
          { id: 'students', label: t('dashboard.students'), value: String(data.students) },
          { id: 'sessions', label: t('dashboard.sessions'), value: String(data.sessions.length) },
          { id: 'participation', label: t('dashboard.participation'), value: f.share(a.meanParticipation) },
          {
            id: 'before',
            label: t('dashboard.shareBefore'),
            value: f.share(a.peerInstruction.meanShareCorrectBefore),
          },
          {
            id: 'after',
            label: t('dashboard.shareAfter'),
            value: f.share(a.peerInstruction.meanShareCorrectAfter),
          },
          {
            id: 'gain',
            label: t('dashboard.normalizedChange'),
            value: f.number(a.peerInstruction.meanNormalizedChange),
          },
          {
            id: 'wrongToRight',
            label: t('dashboard.wrongToRight'),
            value: String(a.peerInstruction.wrongToRight),
          },
          {
            id: 'rightToWrong',
            label: t('dashboard.rightToWrong'),
            value: String(a.peerInstruction.rightToWrong),
          },
          { id: 'questions', label: t('dashboard.questionsAsked'), value: String(a.questions.total) },
          {
            id: 'peers',
            label: t('dashboard.answeredByPeers'),
            value: f.share(a.questions.shareAnsweredByPeers),
          },
          {
            id: 'firstAnswer',
            label: t('dashboard.timeToPeerAnswer'),
            value: f.duration(a.questions.medianTimeToFirstPeerAnswerMs),
          },
          { id: 'muddy', label: t('dashboard.muddyPoints'), value: String(a.muddyPoints) },
          { id: 'pollAnswers', label: t('dashboard.pollAnswers'), value: String(a.pollAnswers) },
          { id: 'cloudWords', label: t('dashboard.cloudWords'), value: String(a.cloudWords) },
          { id: 'openFlags', label: t('dashboard.openFlags'), value: String(data.flags.open) },
          { id: 'resolvedFlags', label: t('dashboard.resolvedFlags'), value: String(data.flags.resolved) },
        ]}
      />
      <section className={styles.section} aria-labelledby="sessions-title">
        <Title3 as="h2" id="sessions-title">
          {t('dashboard.sessions')}
        </Title3>
        {data.sessions.length === 0 ? (
          <EmptyState>{t('dashboard.sessionsEmpty')}</EmptyState>
        ) : (
          <div className={tables.scroll} tabIndex={0} role="region" aria-labelledby="sessions-title">
            <table className={tables.table} data-testid="sessions-table">
              <HeaderRow
                columns={[
                  'dashboard.session',
                  'dashboard.started',
                  'dashboard.participation',
                  'dashboard.shareBefore',
                  'dashboard.shareAfter',
                  'dashboard.answeredByPeers',
                  'dashboard.openFlags',
                ]}
              />
              <tbody>
                {data.sessions.map((s) => (
                  <tr key={s.sessionId}>
                    <th scope="row" className={tables.td}>
                      <RouterLink
                        to={pathWith(TAB_ROUTES.channel, {
                          classId: data.classId,
                          sessionId: s.sessionId,
                          view: 'dashboard',
                        })}
                      >
                        {s.title}
                      </RouterLink>
                    </th>
                    <td className={tables.td}>{f.date(s.startedAt)}</td>
                    <td className={num}>{f.share(s.analytics.meanParticipation)}</td>
                    <td className={num}>{f.share(s.analytics.peerInstruction.meanShareCorrectBefore)}</td>
                    <td className={num}>{f.share(s.analytics.peerInstruction.meanShareCorrectAfter)}</td>
                    <td className={num}>{f.share(s.analytics.questions.shareAnsweredByPeers)}</td>
                    <td className={num}>{s.flags.open}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
