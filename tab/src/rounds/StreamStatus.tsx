import { Badge, makeStyles } from '@fluentui/react-components';
import type { StreamState } from '../../../shared/client/eventStream';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n';

const LABEL: Record<StreamState, MessageKey> = {
  connecting: 'rounds.stream.connecting',
  open: 'rounds.stream.open',
  reconnecting: 'rounds.stream.reconnecting',
  closed: 'rounds.stream.closed',
};
const COLOR = {
  connecting: 'informative',
  open: 'success',
  reconnecting: 'warning',
  closed: 'danger',
} as const;

const useStyles = makeStyles({
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});

/** Whether rounds update live; trouble (reconnecting, stopped) is also announced to screen readers. */
export function StreamStatus({ state }: { state: StreamState }) {
  const styles = useStyles();
  const { t } = useI18n();
  const trouble = state === 'reconnecting' || state === 'closed';
  return (
    <span data-testid="round-stream" data-state={state}>
      <Badge appearance="tint" shape="rounded" color={COLOR[state]}>
        {t(LABEL[state])}
      </Badge>
      <span role="status" className={styles.hidden}>
        {trouble ? t(LABEL[state]) : ''}
      </span>
    </span>
  );
}
