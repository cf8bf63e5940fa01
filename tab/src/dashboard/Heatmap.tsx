import { Text, Title3, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ConfusionHeatmap } from '../../../shared/contract/dashboard';
import { EmptyState } from '../components/States';
import { useI18n } from '../i18n/I18nProvider';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  table: { width: '100%', borderCollapse: 'collapse' },
  th: {
    textAlign: 'start',
    fontWeight: tokens.fontWeightSemibold,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  td: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: 'anywhere',
    verticalAlign: 'middle',
  },
  sectionCol: { width: '40%' },
  track: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  barArea: { flex: '1 1 auto', minWidth: 0 },
  bar: {
    height: '0.75rem',
    borderRadius: tokens.borderRadiusSmall,
    boxSizing: 'border-box',
    minWidth: '0.25rem',
    // The bar also has a border, so it stays visible where high contrast drops background colours.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorPaletteRedBackground3,
  },
  resolvedBar: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground5,
  },
  hint: { color: tokens.colorNeutralForeground2 },
  indent: { paddingInlineStart: tokens.spacingHorizontalL },
});

/**
 * The confusion heat map: one row per section of the notes with its open flags as a bar (longest for the
 * most confusing section) and its resolved flags. A table, so screen readers get the numbers as text.
 */
export function Heatmap({ heatmap }: { heatmap: ConfusionHeatmap }) {
  const styles = useStyles();
  const { t } = useI18n();
  const rows = [
    ...heatmap.sections.map((s) => ({
      key: `s${s.index}`,
      label: s.heading ?? t('dashboard.untitledSection'),
      level: s.level,
      open: s.open,
      resolved: s.resolved,
    })),
    ...(heatmap.detached.open + heatmap.detached.resolved > 0
      ? [{ key: 'detached', label: t('dashboard.detached'), level: 0, ...heatmap.detached }]
      : []),
  ];
  const max = Math.max(1, ...rows.map((r) => r.open + r.resolved));
  const width = (n: number) => `${Math.round((n / max) * 100)}%`;
  return (
    <section aria-labelledby="heatmap-title">
      <Title3 as="h2" id="heatmap-title">
        {t('dashboard.heatmap')}
      </Title3>
      <Text as="p" size={200} className={styles.hint} block>
        {t('dashboard.heatmapHint')}
      </Text>
      {heatmap.total.open + heatmap.total.resolved === 0 ? (
        <EmptyState>{t('dashboard.heatmapEmpty')}</EmptyState>
      ) : (
        <div className={styles.scroll} tabIndex={0} role="region" aria-labelledby="heatmap-title">
          <table className={styles.table} data-testid="heatmap">
            <thead>
              <tr>
                <th scope="col" className={mergeClasses(styles.th, styles.sectionCol)}>
                  {t('dashboard.section')}
                </th>
                <th scope="col" className={styles.th}>
                  {t('dashboard.openFlags')}
                </th>
                <th scope="col" className={styles.th}>
                  {t('dashboard.resolvedFlags')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row" className={mergeClasses(styles.td, r.level > 2 && styles.indent)}>
                    {r.label}
                  </th>
                  <td className={styles.td}>
                    <div className={styles.track}>
                      <div className={styles.barArea} aria-hidden>
                        {r.open > 0 && <div className={styles.bar} style={{ width: width(r.open) }} />}
                      </div>
                      <span>{r.open}</span>
                    </div>
                  </td>
                  <td className={styles.td}>
                    <div className={styles.track}>
                      <div className={styles.barArea} aria-hidden>
                        {r.resolved > 0 && (
                          <div
                            className={mergeClasses(styles.bar, styles.resolvedBar)}
                            style={{ width: width(r.resolved) }}
                          />
                        )}
                      </div>
                      <span>{r.resolved}</span>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
