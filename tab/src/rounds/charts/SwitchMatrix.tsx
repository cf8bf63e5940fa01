import { makeStyles, tokens } from '@fluentui/react-components';
import type { SwitchMatrix as Matrix } from '../../../../shared/contract/rounds/analyticsSchemas';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n';

const useStyles = makeStyles({
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  cell: {
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  bar: { display: 'inline-block', height: '0.7em', backgroundColor: tokens.colorBrandForeground1 },
});

const ROWS: { key: keyof Omit<Matrix, 'matched'>; label: MessageKey }[] = [
  { key: 'wrongToRight', label: 'rounds.switch.wrongToRight' },
  { key: 'rightToRight', label: 'rounds.switch.rightToRight' },
  { key: 'rightToWrong', label: 'rounds.switch.rightToWrong' },
  { key: 'wrongToOtherWrong', label: 'rounds.switch.wrongToOtherWrong' },
  { key: 'wrongToSameWrong', label: 'rounds.switch.wrongToSameWrong' },
];

/**
 * How answers moved between the votes, among students who voted twice. It is a table (the text is the
 * chart), with a small inline bar per row that is hidden from screen readers.
 */
export function SwitchMatrix({ matrix }: { matrix: Matrix }) {
  const styles = useStyles();
  const { t } = useI18n();
  const max = Math.max(1, matrix.matched);
  return (
    <table className={styles.table} data-testid="switch-matrix">
      <caption>{t('rounds.switch.caption', { count: matrix.matched })}</caption>
      <tbody>
        {ROWS.map((r) => (
          <tr key={r.key}>
            <th scope="row" className={styles.cell}>
              {t(r.label)}
            </th>
            <td className={`${styles.cell} ${styles.num}`}>{matrix[r.key]}</td>
            <td className={styles.cell} aria-hidden>
              <span className={styles.bar} style={{ width: `${(matrix[r.key] / max) * 6}rem` }} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
