import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { LockClosed20Regular, LockOpen20Regular, Stop20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { SessionId } from '../../../shared/contract/ids';
import { useSession } from '../auth/session';
import { describeError } from '../errors';
import { useI18n } from '../i18n/I18nProvider';
import type { ConnectionState } from './collab/connectionState';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

interface Props {
  sessionId: SessionId;
  live: boolean;
  facilitator: boolean;
  compact: boolean;
  state: ConnectionState;
  onAnnounce: (text: string) => void;
}

/**
 * The notes lock and the end of the session: a banner while a facilitator has locked the notes (students
 * read only, enforced by the service), and for facilitators the buttons to lock, unlock and end the session.
 * The lock state comes from the service at load and then live from the note connection.
 */
export function NoteSafety({ sessionId, live, facilitator, compact, state, onAnnounce }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const [loaded, setLoaded] = useState<boolean | null>(null);
  const [mine, setMine] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [ended, setEnded] = useState(!live);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let cancelled = false;
    api.call('getNote', { params: { sessionId } }).then(
      (meta) => !cancelled && setLoaded(meta.locked),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, sessionId]);
  // Newest wins: what this tab just did, then what the service said live, then the load.
  const locked = mine ?? state.locked ?? loaded ?? false;
  useEffect(() => setMine(null), [state.locked]);

  const handleLock = async (next: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const res = await api.call('setNoteLock', { params: { sessionId }, body: { locked: next } });
      setMine(res.locked);
      onAnnounce(t(res.locked ? 'notes.lock.done' : 'notes.lock.undone'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const handleEnd = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.call('endSession', { params: { sessionId }, body: {} });
      setEnded(true);
      setConfirmEnd(false);
      onAnnounce(t('notes.end.done'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const size = compact ? 'small' : 'medium';
  return (
    <>
      {facilitator && !ended && (
        <div className={styles.bar} role="group" aria-label={t('notes.safety')} data-print="hide">
          <Button
            size={size}
            icon={locked ? <LockOpen20Regular /> : <LockClosed20Regular />}
            disabled={busy}
            onClick={() => void handleLock(!locked)}
          >
            {t(locked ? 'notes.lock.unlock' : 'notes.lock.lock')}
          </Button>
          <Button size={size} icon={<Stop20Regular />} disabled={busy} onClick={() => setConfirmEnd(true)}>
            {t('notes.end.button')}
          </Button>
        </div>
      )}
      {confirmEnd && !ended && (
        <MessageBar intent="warning" layout="multiline" data-testid="end-confirm">
          <MessageBarBody>{t('notes.end.confirm')}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="primary" disabled={busy} onClick={() => void handleEnd()}>
              {t('notes.end.yes')}
            </Button>
            <Button size="small" onClick={() => setConfirmEnd(false)}>
              {t('notes.form.cancel')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {locked && !ended && (
        <MessageBar intent="warning" data-testid="lock-banner" icon={<LockClosed20Regular />}>
          <MessageBarBody>
            <MessageBarTitle>{t('notes.lock.banner')}</MessageBarTitle>
            {t(facilitator ? 'notes.lock.bannerFacilitator' : 'notes.lock.bannerStudent')}
          </MessageBarBody>
        </MessageBar>
      )}
      {error !== null && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{describeError(error, t)}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
