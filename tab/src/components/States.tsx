import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { describeError } from '../errors';
import { useI18n } from '../i18n/I18nProvider';

const useStyles = makeStyles({
  center: { display: 'flex', justifyContent: 'center', padding: tokens.spacingVerticalXXL },
  empty: { display: 'block', padding: `${tokens.spacingVerticalL} 0`, color: tokens.colorNeutralForeground2 },
});

/** A labelled spinner; the label is announced to screen readers. */
export function Loading({ label }: { label: string }) {
  const styles = useStyles();
  return (
    <div className={styles.center} role="status">
      <Spinner label={label} labelPosition="below" />
    </div>
  );
}

/** A friendly error with an optional retry; the message comes from the error's id. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>{describeError(error, t)}</MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t('common.retry')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/** What a list shows when it has nothing in it. */
export function EmptyState({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return <Text className={styles.empty}>{children}</Text>;
}
