import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of the dashboard's data tables: they scroll sideways in a narrow side panel instead of overflowing. */
export const useTableStyles = makeStyles({
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  table: { width: '100%', borderCollapse: 'collapse', minWidth: '32rem' },
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
  },
  num: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
});
