import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { RoundView } from '../../../shared/contract/rounds/viewSchemas';
import { useI18n } from '../i18n/I18nProvider';
import { DistributionChart } from '../rounds/charts/DistributionChart';
import { PollChart } from '../rounds/charts/PollChart';
import { WordCloud } from '../rounds/charts/WordCloud';
import { Countdown } from '../rounds/Countdown';
import { kindKey, optionLetter, pct, phaseKey, tPlural } from '../rounds/format';
import { StageQuestions } from './StageQuestions';

const TOP_QUESTIONS = 5;

// Sizes follow the screen (1280×720 up to 1920×1080) so the back row of a lecture hall can read them.
const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: 'clamp(16px, 2vh, 32px)', minWidth: 0 },
  meta: { display: 'flex', gap: tokens.spacingHorizontalXXL, flexWrap: 'wrap', alignItems: 'center' },
  title: {
    overflowWrap: 'anywhere',
    fontSize: 'var(--stoa-stage-title)',
    lineHeight: 1.15,
    fontWeight: tokens.fontWeightSemibold,
    margin: 0,
  },
  big: {
    fontSize: 'var(--stoa-stage-count)',
    lineHeight: 1.1,
    fontWeight: tokens.fontWeightBold,
    color: tokens.colorBrandForeground1,
  },
  list: {
    margin: 0,
    paddingLeft: '1.6em',
    fontSize: 'var(--stoa-stage-item)',
    lineHeight: 1.35,
    display: 'flex',
    flexDirection: 'column',
    gap: '0.35em',
  },
  column: { display: 'flex', flexDirection: 'column', gap: 'clamp(16px, 2vh, 32px)', minWidth: 0 },
  // After the reveal the chart sits beside the options, so a 1280×720 screen holds everything.
  split: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: 'clamp(16px, 2.5vw, 48px)',
    alignItems: 'start',
    '@media (min-width: 1100px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1.3fr)' },
  },
  correct: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightBold },
  results: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: 'clamp(12px, 1.5vw, 28px)',
    borderRadius: tokens.borderRadiusXLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow8,
  },
  muted: { color: tokens.colorNeutralForeground2, fontSize: 'var(--stoa-stage-small)' },
  live: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clipPath: 'inset(50%)' },
});

/** Results are for the room only once revealed, even when a facilitator's view already has them. */
function revealed(view: RoundView): boolean {
  return view.phase === 'revealed' || view.phase === 'ended';
}

/** One round on the stage. */
export function StageRound({ view, clockSkewMs }: { view: RoundView; clockSkewMs: number }) {
  const styles = useStyles();
  const { t, language } = useI18n();
  const [announcement, setAnnouncement] = useState('');
  const seen = useRef<string | null>(null);
  const phaseId = `${view.roundId}:${view.phase}`;
  useEffect(() => {
    if (seen.current !== null && seen.current !== phaseId)
      setAnnouncement(t(phaseKey(view.phase, view.kind)));
    seen.current = phaseId;
  }, [phaseId, view.phase, view.kind, t]);

  const title =
    view.kind === 'peer_instruction' || view.kind === 'poll'
      ? view.question
      : view.kind === 'question_round'
        ? view.topic
        : view.prompt;
  return (
    <section className={styles.root} data-testid="stage-round" data-phase={view.phase}>
      <div className={styles.meta}>
        <Text className={styles.muted}>{t(kindKey(view.kind))}</Text>
        <Text className={styles.muted} data-testid="stage-phase">
          {t(phaseKey(view.phase, view.kind))}
        </Text>
        <Countdown deadline={view.deadline} skewMs={clockSkewMs} large />
      </div>
      <h1 className={styles.title}>{title}</h1>
      {view.kind === 'peer_instruction' && (
        <div className={revealed(view) && view.results ? styles.split : styles.column}>
          <div className={styles.column}>
            <ol className={styles.list} type="A">
              {view.options.map((o, i) => (
                <li
                  key={i}
                  className={revealed(view) && view.correctOption === i ? styles.correct : undefined}
                >
                  {revealed(view) && view.correctOption === i ? `${o} ✓` : o}
                </li>
              ))}
            </ol>
            <Text className={styles.big} data-testid="stage-count">
              {view.phase === 'revote' || view.revotedCount > 0
                ? t('stage.count.revote', { answered: view.answeredCount, revoted: view.revotedCount })
                : t('stage.count.answered', { count: view.answeredCount })}
            </Text>
          </div>
          {revealed(view) && view.results && (
            <div data-testid="stage-results" className={styles.results}>
              <DistributionChart
                options={view.options}
                before={view.results.before}
                after={view.results.after}
                correctOption={view.results.correctOption}
                large
              />
              {view.results.correctOption !== null && (
                <Text className={styles.muted}>
                  {view.results.after
                    ? t('rounds.shareCorrect.beforeAfter', {
                        before: pct(view.results.before.shareCorrect),
                        after: pct(view.results.after.shareCorrect),
                      })
                    : t('rounds.correctAnswer', { option: optionLetter(view.results.correctOption) })}
                </Text>
              )}
            </div>
          )}
        </div>
      )}
      {view.kind === 'question_round' && (
        <>
          <Text className={styles.big} data-testid="stage-count">
            {tPlural(
              t,
              language,
              'stage.count.questions',
              view.questions.filter((q) => q.duplicateOf === null).length,
            )}
          </Text>
          <StageQuestions view={view} max={TOP_QUESTIONS} />
        </>
      )}
      {view.kind === 'poll' && (
        <>
          {!revealed(view) && view.scale === null && (
            <ul className={styles.list} aria-label={t('rounds.options')}>
              {view.options.map((o, i) => (
                <li key={i}>{o}</li>
              ))}
            </ul>
          )}
          <Text className={styles.big} data-testid="stage-count">
            {t('stage.count.answered', { count: view.answeredCount })}
          </Text>
          {revealed(view) && view.results && (
            <div data-testid="stage-results">
              <PollChart options={view.options} results={view.results} scale={view.scale} large />
            </div>
          )}
        </>
      )}
      {view.kind === 'wordcloud' && (
        <>
          <Text className={styles.big} data-testid="stage-count">
            {t('stage.count.cloud', { count: view.submittedCount })}
          </Text>
          {revealed(view) && view.cloud && (
            <div data-testid="stage-results">
              <WordCloud words={view.cloud} large tableVisible="screenReader" />
            </div>
          )}
        </>
      )}
      {view.kind === 'muddiest_point' && (
        <Text className={styles.big} data-testid="stage-count">
          {t('stage.count.muddy', { count: view.submittedCount })}
        </Text>
      )}
      <div role="status" aria-live="polite" className={styles.live}>
        {announcement}
      </div>
    </section>
  );
}
