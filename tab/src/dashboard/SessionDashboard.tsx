import {
  Button,
  MessageBar,
  MessageBarBody,
  Title2,
  Title3,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { SessionDashboard as Dashboard } from '../../../shared/contract/dashboard';
import type { PiAnalytics, QuestionRoundAnalytics } from '../../../shared/contract/rounds/analyticsSchemas';
import { TAB_ROUTES } from '../../../shared/contract/tabRoutes';
import { useSession } from '../auth/session';
import { EmptyState, ErrorState } from '../components/States';
import { useI18n } from '../i18n/I18nProvider';
import { RouterLink, pathWith } from '../router/router';
import { downloadRoundResults } from './csvExport';
import { dashboardFormat } from './format';
import { Heatmap } from './Heatmap';
import { StatGrid } from './StatGrid';
import { HeaderRow } from './HeaderRow';
import { useTableStyles } from './tables';

const useStyles = makeStyles({
  header: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
});

/** One session's dashboard: key figures, each Peer Instruction question, question rounds, the heat map. */
export function SessionDashboard({ data }: { data: Dashboard }) {
  const styles = useStyles();
  const tables = useTableStyles();
  const { t, language } = useI18n();
  const { api } = useSession();
  const f = dashboardFormat(language, t);
  const [exported, setExported] = useState<string | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const a = data.analytics;
  const pis = data.rounds.filter((r): r is PiAnalytics => r.kind === 'peer_instruction');
  const qrs = data.rounds.filter((r): r is QuestionRoundAnalytics => r.kind === 'question_round');
  const num = mergeClasses(tables.td, tables.num);

  const exportCsv = () => {
    setExportError(null);
    downloadRoundResults(api, data.sessionId, data.title).then(
      (file) => setExported(t('dashboard.exported', { file })),
      (err: unknown) => setExportError(err),
    );
  };

  return (
    <>
      <RouterLink to={pathWith(TAB_ROUTES.channel, { classId: data.classId, view: 'dashboard' })}>
        {t('dashboard.backToClassDashboard')}
      </RouterLink>
      <div className={styles.header}>
        <Title2 as="h1">{t('dashboard.sessionTitle', { title: data.title })}</Title2>
        <Button onClick={exportCsv}>{t('dashboard.exportCsv')}</Button>
      </div>
      <div role="status" aria-live="polite">
        {exported && (
          <MessageBar intent="success">
            <MessageBarBody>{exported}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {exportError !== null && <ErrorState error={exportError} onRetry={exportCsv} />}
      <StatGrid
        label={t('dashboard.title')}
        stats={[
          { id: 'students', label: t('dashboard.students'), value: String(data.students) },
          { id: 'participation', label: t('dashboard.participation'), value: f.share(a.meanParticipation) },
          {
            id: 'rounds',
            label: t('dashboard.rounds'),
            value: String(Object.values(a.rounds).reduce((x, y) => x + y, 0)),
          },
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
            id: 'peers',
            label: t('dashboard.answeredByPeers'),
            value: f.share(a.questions.shareAnsweredByPeers),
          },
          {
            id: 'firstAnswer',
            label: t('dashboard.timeToPeerAnswer'),
            value: f.duration(a.questions.medianTimeToFirstPeerAnswerMs),
          },
          { id: 'openFlags', label: t('dashboard.openFlags'), value: String(data.heatmap.total.open) },
          {
            id: 'resolvedFlags',
            label: t('dashboard.resolvedFlags'),
            value: String(data.heatmap.total.resolved),
          },
        ]}
      />

      <section className={styles.section} aria-labelledby="pi-title">
        <Title3 as="h2" id="pi-title">
          {t('dashboard.perQuestion')}
        </Title3>
        {pis.length === 0 ? (
          <EmptyState>{t('dashboard.noPi')}</EmptyState>
        ) : (
          <div className={tables.scroll} tabIndex={0} role="region" aria-labelledby="pi-title">
            <table className={tables.table} data-testid="pi-table">
              <HeaderRow
                columns={[
                  'dashboard.question',
                  'dashboard.participation',
                  'dashboard.shareBefore',
                  'dashboard.shareAfter',
                  'dashboard.normalizedChange',
                  'dashboard.changedAnswer',
                  'dashboard.wrongToRight',
                ]}
              />
              <tbody>
                {pis.map((p) => (
                  <tr key={p.roundId}>
                    <th scope="row" className={tables.td}>
                      {p.question}
                    </th>
                    <td className={num}>{f.share(p.participation.answering.rate)}</td>
                    <td className={num}>{f.share(p.before.shareCorrect)}</td>
                    <td className={num}>{f.share(p.after?.shareCorrect ?? null)}</td>
                    <td className={num}>{f.number(p.normalizedChange)}</td>
                    <td className={num}>{p.changedAnswer}</td>
                    <td className={num}>{p.switches?.wrongToRight ?? t('dashboard.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className={styles.section} aria-labelledby="qr-title">
        <Title3 as="h2" id="qr-title">
          {t('dashboard.questionRounds')}
        </Title3>
        {qrs.length === 0 ? (
          <EmptyState>{t('dashboard.noQuestionRounds')}</EmptyState>
        ) : (
          <div className={tables.scroll} tabIndex={0} role="region" aria-labelledby="qr-title">
            <table className={tables.table} data-testid="qr-table">
              <HeaderRow
                columns={[
                  'dashboard.topic',
                  'dashboard.questionsAsked',
                  'dashboard.answeredByPeers',
                  'dashboard.timeToPeerAnswer',
                  'dashboard.endorsed',
                ]}
              />
              <tbody>
                {qrs.map((q) => (
                  <tr key={q.roundId}>
                    <th scope="row" className={tables.td}>
                      {q.topic}
                    </th>
                    <td className={num}>{q.questions}</td>
                    <td className={num}>{f.share(q.shareAnsweredByPeers)}</td>
                    <td className={num}>{f.duration(q.medianTimeToFirstPeerAnswerMs)}</td>
                    <td className={num}>{q.endorsed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <Heatmap heatmap={data.heatmap} />
    </>
  );
}
