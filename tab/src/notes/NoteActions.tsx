import { Button, CounterBadge, makeStyles, tokens } from '@fluentui/react-components';
import {
  ArrowDownload20Regular,
  ChatMultiple20Regular,
  History20Regular,
  Print20Regular,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import type { MessageKey } from '../i18n';
import { useI18n } from '../i18n/I18nProvider';

export type Panel = 'discussion' | 'history' | null;

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

interface Props {
  /** Meeting side panel: icons only (named for screen readers and in the tooltip). */
  compact: boolean;
  panel: Panel;
  onPanel: (panel: Panel) => void;
  /** Open flags and comments, shown on the discussion button. */
  openCount: number;
  onExport: () => void;
}

/** Discussion and history panels, Markdown export and printing. */
export function NoteActions({ compact, panel, onPanel, openCount, onExport }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  const action = (
    label: MessageKey,
    icon: ReactElement,
    onClick: () => void,
    pressed?: boolean,
    extra?: ReactElement,
  ) => (
    <Button
      icon={icon}
      size={compact ? 'small' : 'medium'}
      aria-label={compact ? t(label) : undefined}
      title={compact ? t(label) : undefined}
      aria-pressed={pressed}
      appearance={pressed ? 'primary' : 'secondary'}
      onClick={onClick}
    >
      {/* No children at all when compact without a count, so Fluent draws a square icon button. */}
      {compact ? (
        extra
      ) : (
        <>
          {t(label)}
          {extra}
        </>
      )}
    </Button>
  );
  const toggle = (p: Exclude<Panel, null>) => () => onPanel(panel === p ? null : p);
  return (
    <div className={styles.actions} role="group" aria-label={t('notes.actions')} data-print="hide">
      {action(
        'notes.action.discussion',
        <ChatMultiple20Regular />,
        toggle('discussion'),
        panel === 'discussion',
        openCount > 0 ? (
          <CounterBadge count={openCount} size="small" color="informative" aria-hidden />
        ) : undefined,
      )}
      {action('notes.action.history', <History20Regular />, toggle('history'), panel === 'history')}
      {action('notes.action.export', <ArrowDownload20Regular />, onExport)}
      {action('notes.action.print', <Print20Regular />, () => window.print())}
    </div>
  );
}
