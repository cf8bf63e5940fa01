import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
  Title3,
} from '@fluentui/react-components';
import { Dismiss20Regular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import type { SessionId } from '../../../../shared/contract/ids';
import { NOTE_LIMITS, type NoteVersion, type NoteVersionDetail } from '../../../../shared/contract/notes';
import { useSession } from '../../auth/session';
import { ErrorState, Loading } from '../../components/States';
import { describeError } from '../../errors';
import { useLoad } from '../../hooks/useLoad';
import { useI18n } from '../../i18n/I18nProvider';
import { usePanelStyles } from './styles';
import { VersionPreview } from './VersionPreview';

interface Props {
  sessionId: SessionId;
  facilitator: boolean;
  onClose: () => void;
  /** Says something to screen readers and sighted people alike (the workspace's status line). */
  onAnnounce: (text: string) => void;
}

/** Saved versions with time and author; facilitators save new ones and restore old ones for everyone. */
export function HistoryPanel({ sessionId, facilitator, onClose, onAnnounce }: Props) {
  const styles = usePanelStyles();
  const { t, language } = useI18n();
  const { api } = useSession();
  const { state, reload } = useLoad(() => api.call('listNoteVersions', { params: { sessionId } }), sessionId);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [preview, setPreview] = useState<NoteVersionDetail | null>(null);
  // The service names its own versions in English; show them in the tab's language.
  const versionName = (v: NoteVersion) =>
    v.kind === 'auto'
      ? t('notes.history.auto')
      : v.kind === 'session_end'
        ? t('notes.history.sessionEnd')
        : v.name;
  const [confirming, setConfirming] = useState<NoteVersion | null>(null);
  const [more, setMore] = useState<{ items: NoteVersion[]; cursor: string | null }>({
    items: [],
    cursor: null,
  });
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      onAnnounce(await work());
      setMore({ items: [], cursor: null });
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const handleSave = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    void act(async () => {
      const v = await api.call('createNoteVersion', { params: { sessionId }, body: { name: name.trim() } });
      setName('');
      return t('notes.history.saved', { name: v.name });
    });
  };

  const handleRestore = (v: NoteVersion) =>
    act(async () => {
      await api.call('restoreNoteVersion', { params: { sessionId, versionId: v.id }, body: {} });
      setConfirming(null);
      setPreview(null);
      return t('notes.history.restored', { name: v.name });
    });

  const togglePreview = (v: NoteVersion) => {
    if (preview?.version.id === v.id) return setPreview(null);
    api.call('getNoteVersion', { params: { sessionId, versionId: v.id } }).then(setPreview, setError);
  };

  const loadMore = () => {
    const cursor = more.cursor ?? (state.status === 'ready' ? state.data.nextCursor : null);
    if (!cursor) return;
    api
      .call('listNoteVersions', { params: { sessionId }, query: { cursor } })
      .then((page) => setMore({ items: [...more.items, ...page.items], cursor: page.nextCursor }), setError);
  };

  const versions = state.status === 'ready' ? [...state.data.items, ...more.items] : [];
  const hasMore =
    state.status === 'ready' && (more.items.length ? more.cursor : state.data.nextCursor) !== null;

  return (
    <section className={styles.panel} aria-labelledby="history-heading" data-testid="history-panel">
      <div className={styles.head}>
        <Title3 as="h2" id="history-heading">
          {t('notes.history.title')}
        </Title3>
        <Button
          appearance="subtle"
          icon={<Dismiss20Regular />}
          aria-label={t('notes.panel.close')}
          onClick={onClose}
        />
      </div>
      {facilitator && (
        <form className={styles.form} onSubmit={handleSave} aria-label={t('notes.history.save')}>
          <Field label={t('notes.history.saveName')}>
            <Input
              value={name}
              maxLength={NOTE_LIMITS.versionNameMax}
              onChange={(_, d) => setName(d.value)}
            />
          </Field>
          <div>
            <Button type="submit" appearance="primary" disabled={busy || !name.trim()}>
              {t('notes.history.save')}
            </Button>
          </div>
        </form>
      )}
      {error !== null && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{describeError(error, t)}</MessageBarBody>
        </MessageBar>
      )}
      {state.status === 'loading' && <Loading label={t('notes.history.loading')} />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'ready' && versions.length === 0 && (
        <Text className={styles.meta}>{t('notes.history.empty')}</Text>
      )}
      <ul className={styles.list} data-testid="version-list">
        {versions.map((v) => (
          <li key={v.id} className={styles.item}>
            <Text weight="semibold" className={styles.text}>
              {versionName(v)}
            </Text>
            {v.kind !== 'manual' && (
              <div>
                <Badge appearance="tint" data-kind={v.kind}>
                  {t(v.kind === 'before_restore' ? 'notes.history.beforeRestore' : 'notes.history.automatic')}
                </Badge>
              </div>
            )}
            <Text className={styles.meta}>
              {t('notes.history.by', { time: when.format(new Date(v.createdAt)), name: v.createdBy.name })}
            </Text>
            <div className={styles.actions}>
              <Button
                size="small"
                aria-expanded={preview?.version.id === v.id}
                onClick={() => togglePreview(v)}
              >
                {t(preview?.version.id === v.id ? 'notes.history.hidePreview' : 'notes.history.preview')}
              </Button>
              {facilitator && (
                <Button size="small" disabled={busy} onClick={() => setConfirming(v)}>
                  {t('notes.history.restore')}
                </Button>
              )}
            </div>
            {confirming?.id === v.id && (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  {t('notes.history.restoreConfirm', { name: v.name })}
                  <div className={styles.actions}>
                    <Button
                      size="small"
                      appearance="primary"
                      disabled={busy}
                      onClick={() => void handleRestore(v)}
                    >
                      {t('notes.history.restoreYes')}
                    </Button>
                    <Button size="small" onClick={() => setConfirming(null)}>
                      {t('notes.form.cancel')}
                    </Button>
                  </div>
                </MessageBarBody>
              </MessageBar>
            )}
            {preview?.version.id === v.id && (
              <VersionPreview
                content={preview.content}
                label={t('notes.history.previewLabel', { name: v.name })}
              />
            )}
          </li>
        ))}
      </ul>
      {hasMore && (
        <div>
          <Button size="small" onClick={loadMore}>
            {t('notes.history.more')}
          </Button>
        </div>
      )}
    </section>
  );
}
