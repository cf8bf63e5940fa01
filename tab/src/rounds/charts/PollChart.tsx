import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { PollResults } from '../../../../shared/contract/rounds/analyticsSchemas';
import { useI18n } from '../../i18n/I18nProvider';
import { pct } from '../format';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(4rem, 14rem) 1fr auto',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  rowScale: { gridTemplateColumns: '2.5rem 1fr auto' },
  label: { overflowWrap: 'anywhere' },
  track: {
    height: '1.1em',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
  bar: {
    height: '100%',
    backgroundColor: tokens.colorBrandBackground,
    borderRadius: tokens.borderRadiusMedium,
    '@media (forced-colors: active)': { backgroundColor: 'CanvasText' },
    '@media (prefers-reduced-motion: no-preference)': {
      transitionProperty: 'width',
      transitionDuration: '400ms',
    },
  },
  top: { backgroundColor: tokens.colorPaletteBerryForeground1 },
  figure: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  large: { fontSize: '2rem', lineHeight: 1.3, gap: tokens.spacingVerticalL },
  largeTrack: { height: '1.5em' },
  // A choice's label sits above its bar, so bars get the full width (a phone, the room's screen).
  stacked: { gridTemplateColumns: '1fr auto', rowGap: tokens.spacingVerticalXXS },
  stackedLabel: { gridColumn: '1 / -1' },
  largeScale: { gridTemplateColumns: '3.5rem 1fr auto' },
  mean: { color: tokens.colorNeutralForeground2 },
});

interface Props {
  options: readonly string[];
  results: PollResults;
  scale: 5 | 10 | null;
  /** Stage: big type for the room. */
  large?: boolean;
}

/**
 * A poll's answers per option as bars. Every bar is a list item whose text says the option, the count and
 * the share, so the numbers are read out as they are seen; the bars themselves are decoration.
 */
export function PollChart({ options, results, scale, large = false }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  const max = Math.max(1, ...results.counts);
  const top = Math.max(...results.counts);
  const rowClass = mergeClasses(
    styles.row,
    scale !== null && styles.rowScale,
    scale === null && styles.stacked,
    large && scale !== null && styles.largeScale,
  );
  return (
    <figure style={{ margin: 0 }} data-testid="poll-chart">
      <ul className={mergeClasses(styles.list, large && styles.large)} aria-label={t('rounds.poll.results')}>
        {options.map((option, i) => {
          const n = results.counts[i] ?? 0;
          const share = results.answered === 0 ? 0 : n / results.answered;
          return (
            <li
              key={i}
              className={rowClass}
              aria-label={t('rounds.poll.bar', { option, count: n, share: pct(share) })}
            >
              <span className={mergeClasses(styles.label, scale === null && styles.stackedLabel)} aria-hidden>
                {option}
              </span>
              <span className={mergeClasses(styles.track, large && styles.largeTrack)} aria-hidden>
                <span
                  className={mergeClasses(styles.bar, n === top && n > 0 && styles.top)}
                  style={{ display: 'block', width: `${(n / max) * 100}%` }}
                />
              </span>
              <span className={styles.figure} aria-hidden>
                {`${n} · ${pct(share)}`}
              </span>
            </li>
          );
        })}
      </ul>
      {results.mean !== null && scale !== null && (
        <figcaption className={mergeClasses(styles.mean, large && styles.large)}>
          {t('rounds.poll.mean', { mean: results.mean.toFixed(1), scale })}
        </figcaption>
      )}
    </figure>
  );
}
