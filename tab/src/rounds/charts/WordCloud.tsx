import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { useI18n } from '../../i18n/I18nProvider';

export interface CloudWord {
  key: string;
  label: string;
  count: number;
}

const useStyles = makeStyles({
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  cloud: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'center',
    alignItems: 'center',
    alignContent: 'center',
    columnGap: '0.6em',
    rowGap: '0.15em',
    padding: tokens.spacingVerticalM,
    lineHeight: 1.05,
    minHeight: '6rem',
  },
  large: { columnGap: '0.5em', minHeight: '24rem', padding: tokens.spacingVerticalXL },
  word: { overflowWrap: 'anywhere', textAlign: 'center', letterSpacing: '-0.01em' },
  details: { fontSize: tokens.fontSizeBase200 },
  summary: { cursor: 'pointer', color: tokens.colorBrandForegroundLink },
  table: { borderCollapse: 'collapse', marginTop: tokens.spacingVerticalXS },
  cell: {
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});

/**
 * Colours for the words, from Fluent's palette tokens so the light, dark and high-contrast themes each get
 * readable ones; neighbours differ so that adjacent words stay apart.
 */
const COLORS = [
  tokens.colorBrandForeground1,
  tokens.colorPaletteBerryForeground1,
  tokens.colorPaletteTealForeground2,
  tokens.colorPaletteDarkOrangeForeground1,
  tokens.colorPalettePurpleForeground2,
  tokens.colorPaletteForestForeground2,
  tokens.colorPaletteCranberryForeground2,
  tokens.colorPaletteRoyalBlueForeground2,
];

/** Words shown in the picture; the table lists them all. */
const MAX_WORDS = 60;

/**
 * Lays the words out from the middle: the most named in the centre, the rest alternating right and left,
 * so the big words meet the eye first and the line breaks stay balanced.
 */
export function centreOut<T>(sorted: readonly T[]): T[] {
  const out: T[] = [];
  sorted.forEach((w, i) => (i % 2 === 0 ? out.push(w) : out.unshift(w)));
  return out;
}

/** Font size in rem for a count: by area (square root), between the smallest and largest size. */
export function sizeFor(count: number, min: number, max: number, range: [number, number]): number {
  const [lo, hi] = range;
  if (max <= min) return (lo + hi) / 2;
  const t = Math.sqrt((count - min) / (max - min));
  return lo + t * (hi - lo);
}

interface Props {
  words: readonly CloudWord[];
  /** Stage: sized for a projector. */
  large?: boolean;
  /** Stage: the table stays for screen readers only; the tab offers it behind a disclosure. */
  tableVisible?: 'disclosure' | 'screenReader';
}

/**
 * A word cloud with a text alternative: the picture is hidden from assistive technology, which gets a
 * one-sentence summary and a table of every word with its count (most named first).
 */
export function WordCloud({ words, large = false, tableVisible = 'disclosure' }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  const summaryId = useId();
  const shown = words.slice(0, MAX_WORDS);
  const counts = shown.map((w) => w.count);
  const min = Math.min(...counts);
  const max = Math.max(...counts);
  const range: [number, number] = large ? [2.2, 8.5] : [0.95, 2.6];
  const colour = new Map(shown.map((w, i) => [w.key, COLORS[i % COLORS.length]]));
  const top = words
    .slice(0, 5)
    .map((w) => `${w.label} (${w.count})`)
    .join(', ');
  const table = (
    <table className={styles.table}>
      <caption>{t('rounds.cloud.table')}</caption>
      <thead>
        <tr>
          <th className={styles.cell} scope="col">
            {t('rounds.cloud.word')}
          </th>
          <th className={styles.cell} scope="col">
            {t('rounds.cloud.times')}
          </th>
        </tr>
      </thead>
      <tbody>
        {words.map((w) => (
          <tr key={w.key}>
            <th className={styles.cell} scope="row">
              {w.label}
            </th>
            <td className={styles.cell}>{w.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <figure className={styles.figure} aria-describedby={summaryId} data-testid="word-cloud">
      <p id={summaryId} className={styles.hidden}>
        {t('rounds.cloud.summary', { count: words.reduce((s, w) => s + w.count, 0), top })}
      </p>
      <div
        className={mergeClasses(styles.cloud, large && styles.large)}
        aria-hidden
        data-testid="word-cloud-words"
      >
        {centreOut(shown).map((w) => {
          const size = sizeFor(w.count, min, max, range);
          return (
            <span
              key={w.key}
              className={styles.word}
              data-count={w.count}
              style={{
                fontSize: `${size.toFixed(2)}rem`,
                fontWeight: size > (range[0] + range[1]) / 2 ? 700 : 600,
                color: colour.get(w.key),
              }}
            >
              {w.label}
            </span>
          );
        })}
      </div>
      {tableVisible === 'disclosure' ? (
        <details className={styles.details}>
          <summary className={styles.summary}>{t('rounds.cloud.showTable')}</summary>
          {table}
        </details>
      ) : (
        <div className={styles.hidden}>{table}</div>
      )}
    </figure>
  );
}
