import { makeStyles, tokens } from '@fluentui/react-components';
import { useI18n } from '../../i18n/I18nProvider';

const useStyles = makeStyles({
  details: { fontSize: tokens.fontSizeBase200 },
  summary: { cursor: 'pointer', color: tokens.colorBrandForegroundLink },
  table: { borderCollapse: 'collapse', marginTop: tokens.spacingVerticalXS },
  cell: {
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

interface Props {
  caption: string;
  columns: readonly string[];
  rows: readonly { label: string; cells: readonly string[] }[];
}

/** A chart's numbers as a table, behind a disclosure so the picture stays compact. */
export function ChartTable({ caption, columns, rows }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <details className={styles.details}>
      <summary className={styles.summary}>{t('rounds.chart.showTable')}</summary>
      <table className={styles.table}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th className={styles.cell} scope="col">
              {t('rounds.chart.option.header')}
            </th>
            {columns.map((c) => (
              <th key={c} className={styles.cell} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th className={styles.cell} scope="row">
                {r.label}
              </th>
              {r.cells.map((c, i) => (
                <td key={i} className={styles.cell}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
