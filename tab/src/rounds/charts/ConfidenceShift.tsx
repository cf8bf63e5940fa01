import { makeStyles, tokens } from '@fluentui/react-components';
import type { ConfidenceStats } from '../../../../shared/contract/rounds/analyticsSchemas';
import { useI18n } from '../../i18n/I18nProvider';
import { meanText } from '../format';

const useStyles = makeStyles({
  figure: { margin: 0 },
  svg: { width: '100%', maxWidth: '20rem', height: 'auto' },
  before: { fill: tokens.colorNeutralForeground3 },
  after: { fill: tokens.colorBrandForeground1 },
  label: { fill: tokens.colorNeutralForeground1, fontSize: '12px' },
  caption: { fontSize: tokens.fontSizeBase200 },
});

interface Props {
  before: ConfidenceStats;
  after: ConfidenceStats | null;
  shift: number | null;
}

/** Mean confidence (1 low … 3 high) before and after discussion as two bars, with the same in words. */
export function ConfidenceShift({ before, after, shift }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  const rows = [
    { label: t('rounds.chart.before'), mean: before.mean, cls: styles.before },
    ...(after ? [{ label: t('rounds.chart.after'), mean: after.mean, cls: styles.after }] : []),
  ];
  const text = t('rounds.confidence.summary', {
    before: meanText(before.mean),
    after: meanText(after?.mean),
    shift: shift === null ? '–' : `${shift >= 0 ? '+' : ''}${shift.toFixed(1)}`,
  });
  return (
    <figure className={styles.figure} data-testid="confidence-shift">
      {/* The caption below says the same in words, so the picture is not read out twice. */}
      <svg className={styles.svg} viewBox={`0 0 240 ${rows.length * 22}`} aria-hidden>
        {rows.map((r, i) => (
          <g key={r.label}>
            <text className={styles.label} x={0} y={i * 22 + 15}>
              {r.label}
            </text>
            <rect
              className={r.cls}
              x={70}
              y={i * 22 + 3}
              height={14}
              width={((r.mean ?? 0) / 3) * 130}
              rx={2}
            />
            <text className={styles.label} x={74 + ((r.mean ?? 0) / 3) * 130} y={i * 22 + 15}>
              {meanText(r.mean)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className={styles.caption}>{text}</figcaption>
    </figure>
  );
}
