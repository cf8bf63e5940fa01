import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Table20Regular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';

/** The largest table the picker offers; rows and columns can be added afterwards. */
export const PICKER_ROWS = 6;
export const PICKER_COLS = 6;

const useStyles = makeStyles({
  root: { position: 'relative', display: 'inline-flex' },
  surface: {
    position: 'absolute',
    top: 'calc(100% + 4px)',
    right: 0,
    zIndex: 5,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow16,
  },
  grid: {
    display: 'grid',
    gridTemplateColumns: `repeat(${PICKER_COLS}, 1.5rem)`,
    gap: '3px',
    margin: `${tokens.spacingVerticalS} 0`,
  },
  cell: {
    width: '1.5rem',
    height: '1.5rem',
    minWidth: 0,
    padding: 0,
    borderRadius: tokens.borderRadiusSmall,
  },
  on: { backgroundColor: tokens.colorBrandBackground2, border: `1px solid ${tokens.colorBrandStroke1}` },
});

interface Props {
  disabled: boolean;
  onPick: (size: { rows: number; cols: number }) => void;
}

/**
 * The table button: a grid to pick the size with mouse, touch or keyboard (every cell is a named
 * button, "Insert a 2 × 4 table"), with a header row included in the count.
 */
export function TablePicker({ disabled, onPick }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [hover, setHover] = useState({ rows: 3, cols: 3 });
  const trigger = useRef<HTMLButtonElement>(null);
  const cells = [];
  for (let r = 1; r <= PICKER_ROWS; r++)
    for (let c = 1; c <= PICKER_COLS; c++) {
      const on = r <= hover.rows && c <= hover.cols;
      cells.push(
        <Button
          key={`${r}x${c}`}
          className={`${styles.cell} ${on ? styles.on : ''}`}
          appearance="outline"
          aria-label={t('table.insert', { rows: r, cols: c })}
          onMouseEnter={() => setHover({ rows: r, cols: c })}
          onFocus={() => setHover({ rows: r, cols: c })}
          onClick={() => {
            setOpen(false);
            onPick({ rows: r, cols: c });
          }}
        />,
      );
    }
  // A plain disclosure, not Fluent's Popover: its focus restorer adds focus sentinels to the whole page,
  // which accessibility checkers flag. Focus moves to the grid on open; Escape closes and returns focus.
  return (
    <div
      className={styles.root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          trigger.current?.focus();
        }
      }}
    >
      <Button
        ref={trigger}
        size="small"
        appearance={open ? 'primary' : 'subtle'}
        icon={<Table20Regular />}
        aria-label={t('notes.tool.table')}
        title={t('notes.tool.table')}
        aria-expanded={open}
        disabled={disabled}
        onClick={() => setOpen(!open)}
      />
      {open && (
        <div className={styles.surface} role="group" aria-label={t('table.size')}>
          <Text weight="semibold">{t('table.size')}</Text>
          <div
            className={styles.grid}
            data-testid="table-picker"
            ref={(grid) => grid?.querySelector<HTMLButtonElement>('button')?.focus({ preventScroll: true })}
          >
            {cells}
          </div>
          <Text aria-live="polite">
            {hover.rows} × {hover.cols}
          </Text>
        </div>
      )}
    </div>
  );
}
