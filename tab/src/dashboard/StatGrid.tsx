import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(8.5rem, 1fr))',
    gap: tokens.spacingHorizontalS,
    margin: 0,
  },
  stat: {
    display: 'flex',
    flexDirection: 'column',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  label: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  // Shown above its label, but after it in the document so each label is read first.
  value: {
    order: -1,
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
});

export interface Stat {
  id: string;
  label: string;
  value: string;
}

/** Key figures as a description list: each label is read with its value. */
export function StatGrid({ stats, label }: { stats: Stat[]; label: string }) {
  const styles = useStyles();
  return (
    <dl className={styles.grid} aria-label={label}>
      {stats.map((s) => (
        <div key={s.id} className={styles.stat} data-testid={`stat-${s.id}`}>
          <dt className={styles.label}>{s.label}</dt>
          <dd className={styles.value}>{s.value}</dd>
        </div>
      ))}
    </dl>
  );
}
