import { makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { VoteSummary } from '../../../../shared/contract/rounds/analyticsSchemas';
import { useI18n } from '../../i18n/I18nProvider';
import { optionLetter, pct } from '../format';
import { ChartTable } from './ChartTable';

const useStyles = makeStyles({
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  svg: { width: '100%', height: 'auto', overflow: 'visible' },
  before: { fill: tokens.colorNeutralForeground3 },
  after: { fill: tokens.colorBrandForeground1 },
  correct: { fill: tokens.colorPaletteGreenForeground1 },
  label: { fill: tokens.colorNeutralForeground1, fontSize: '12px' },
  bar: {
    '@media (prefers-reduced-motion: no-preference)': {
      transitionProperty: 'width',
      transitionDuration: '300ms',
    },
  },
  legend: { display: 'flex', gap: tokens.spacingHorizontalM, fontSize: tokens.fontSizeBase200 },
  // Stage: the legend is read from the back row too.
  legendLarge: { fontSize: 'var(--stoa-stage-small, 1.25rem)', gap: tokens.spacingHorizontalXXL },
  swatch: { display: 'inline-block', width: '0.8em', height: '0.8em', marginRight: '0.3em' },
  swatchBefore: { backgroundColor: tokens.colorNeutralForeground3 },
  swatchAfter: { backgroundColor: tokens.colorBrandForeground1 },
  swatchCorrect: { backgroundColor: tokens.colorPaletteGreenForeground1 },
});

interface Props {
  options: readonly string[];
  before: VoteSummary;
  after: VoteSummary | null;
  correctOption: number | null;
  /** Stage: bigger text. */
  large?: boolean;
}

const ROW = 22;
const LABEL_W = 28;
const WIDTH = 300;
/** The stage draws the same chart in a narrower box, so its labels scale up for the back row. */
const STAGE_WIDTH = 200;

/**
 * Answers per option as horizontal bars, first vote and re-vote side by side. The picture is `role="img"`
 * with a one-sentence summary, and the same numbers are a table for anyone who wants to read them.
 */
export function DistributionChart({ options, before, after, correctOption, large = false }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  const titleId = useId();
  const series = after ? [before, after] : [before];
  const max = Math.max(1, ...series.flatMap((s) => s.counts));
  const perOption = series.length * ROW + 8;
  const height = options.length * perOption;
  const share = (s: VoteSummary, i: number) => (s.answered > 0 ? (s.counts[i] ?? 0) / s.answered : 0);
  const summary = options
    .map((_, i) =>
      after
        ? t('rounds.chart.optionBeforeAfter', {
            option: optionLetter(i),
            before: pct(share(before, i)),
            after: pct(share(after, i)),
          })
        : t('rounds.chart.option', { option: optionLetter(i), share: pct(share(before, i)) }),
    )
    .join('; ');
  const width = large ? STAGE_WIDTH : WIDTH;
  const barWidth = width - LABEL_W - 48;

  return (
    <figure className={styles.figure} data-testid="distribution-chart">
      <svg
        className={styles.svg}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={titleId}
        style={large ? { maxHeight: '52vh' } : { maxWidth: '24rem' }}
      >
        <title id={titleId}>{`${t('rounds.chart.distribution')}: ${summary}`}</title>
        {options.map((_, i) => {
          const y0 = i * perOption;
          return (
            <g key={i}>
              <text className={styles.label} x={0} y={y0 + ROW - 6}>
                {optionLetter(i)}
                {correctOption === i ? ' ✓' : ''}
              </text>
              {series.map((s, k) => {
                const count = s.counts[i] ?? 0;
                const w = (count / max) * barWidth;
                const fill =
                  k === 0 && after ? styles.before : correctOption === i ? styles.correct : styles.after;
                return (
                  <g key={k}>
                    <rect
                      className={`${styles.bar} ${fill}`}
                      x={LABEL_W}
                      y={y0 + k * ROW + 2}
                      width={Math.max(w, count > 0 ? 2 : 0)}
                      height={ROW - 6}
                      rx={2}
                    />
                    <text className={styles.label} x={LABEL_W + w + 4} y={y0 + k * ROW + ROW - 7}>
                      {count}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      {after && (
        <div className={`${styles.legend} ${large ? styles.legendLarge : ''}`} aria-hidden>
          <span>
            <span className={`${styles.swatch} ${styles.swatchBefore}`} />
            {t('rounds.chart.before')}
          </span>
          <span>
            <span className={`${styles.swatch} ${styles.swatchAfter}`} />
            {t('rounds.chart.after')}
          </span>
          {correctOption !== null && (
            <span>
              <span className={`${styles.swatch} ${styles.swatchCorrect}`} />
              {t('rounds.chart.afterCorrect')}
            </span>
          )}
        </div>
      )}
      <ChartTable
        caption={t('rounds.chart.distribution')}
        columns={after ? [t('rounds.chart.before'), t('rounds.chart.after')] : [t('rounds.chart.answers')]}
        rows={options.map((text, i) => ({
          label: `${optionLetter(i)}. ${text}${correctOption === i ? ` (${t('rounds.correct')})` : ''}`,
          cells: series.map((s) => `${s.counts[i] ?? 0} (${pct(share(s, i))})`),
        }))}
      />
    </figure>
  );
}
