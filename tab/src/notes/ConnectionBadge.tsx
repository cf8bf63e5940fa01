import {
  Badge,
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useI18n } from '../i18n/I18nProvider';
import {
  closeMessageKey,
  connectionPhase,
  phaseLabelKey,
  type ConnectionState,
} from './collab/connectionState';
import { tCount } from './text';

const COLORS = {
  connecting: 'informative',
  synced: 'success',
  saving: 'informative',
  reconnecting: 'warning',
  offline: 'danger',
  stopped: 'danger',
} as const;

const useStyles = makeStyles({
  status: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  pending: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});

/** Phases of trouble: announced to screen readers ("saving"/"saved" flip on every keystroke, they are not). */
const TROUBLE = new Set(['offline', 'reconnecting', 'stopped']);

/** The always-visible connection state, with the count of changes not yet saved when there are any. */
export function ConnectionBadge({ state }: { state: ConnectionState }) {
  const styles = useStyles();
  const { t, language } = useI18n();
  const phase = connectionPhase(state);
  const label = t(phaseLabelKey(phase));
  const showPending = state.pending > 0 && TROUBLE.has(phase);
  return (
    <span className={styles.status} data-testid="connection-state" data-phase={phase}>
      <Badge appearance="tint" color={COLORS[phase]} shape="rounded">
        {label}
      </Badge>
      {showPending && (
        <span className={styles.pending}>{tCount(t, language, 'notes.status.pending', state.pending)}</span>
      )}
      <span role="status" className={styles.hidden}>
        {TROUBLE.has(phase) ? `${t('notes.status.label')}: ${label}` : ''}
      </span>
    </span>
  );
}

/** Why the connection is interrupted or stopped, with a retry when stopped. */
export function ConnectionNotice({ state, onRetry }: { state: ConnectionState; onRetry: () => void }) {
  const { t } = useI18n();
  const reason = state.stopped ?? state.lastClose;
  if (!reason) return null;
  return (
    <MessageBar intent={state.stopped ? 'error' : 'warning'} role="alert" layout="multiline">
      <MessageBarBody>{t(closeMessageKey(reason))}</MessageBarBody>
      {state.stopped && state.stopped !== 'forbidden' && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t('notes.retry')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
