import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { ClassId } from '../../../shared/contract/ids';
import { LIMITS } from '../../../shared/contract/limits';
import { TAB_ROUTES } from '../../../shared/contract/tabRoutes';
import { useSession } from '../auth/session';
import { describeError } from '../errors';
import { useLoad } from '../hooks/useLoad';
import { useI18n } from '../i18n/I18nProvider';
import { RouterLink, pathWith } from '../router/router';
import { EmptyState, ErrorState, Loading } from './States';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  form: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  field: { flex: '1 1 12rem', minWidth: 0 },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  title: { flexGrow: 1, overflowWrap: 'anywhere', minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** The sessions (lectures) of a class, newest first, with "Start session" for facilitators. */
export function SessionsPanel({ classId, canFacilitate }: { classId: ClassId; canFacilitate: boolean }) {
  const styles = useStyles();
  const { t, language } = useI18n();
  const { api } = useSession();
  const { state, reload, setState } = useLoad(
    () => api.call('listSessions', { params: { classId } }),
    classId,
  );
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });

  const handleStart = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const session = await api.call('createSession', { params: { classId }, body: { title: title.trim() } });
      setState((s) =>
        s.status === 'ready'
          ? { status: 'ready', data: { ...s.data, items: [session, ...s.data.items] } }
          : { status: 'ready', data: { items: [session], nextCursor: null } },
      );
      setTitle('');
      setNotice(t('sessions.started', { title: session.title }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.section} aria-labelledby="sessions-heading">
      <Title3 as="h2" id="sessions-heading">
        {t('sessions.title')}
      </Title3>
      {canFacilitate && (
        <form className={styles.form} onSubmit={handleStart} aria-label={t('sessions.start')}>
          <Field className={styles.field} label={t('sessions.titleLabel')}>
            <Input value={title} maxLength={LIMITS.sessionTitleMax} onChange={(_, d) => setTitle(d.value)} />
          </Field>
          <Button type="submit" appearance="primary" disabled={busy || !title.trim()}>
            {t('sessions.start')}
          </Button>
        </form>
      )}
      {error !== null && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{describeError(error, t)}</MessageBarBody>
        </MessageBar>
      )}
      <div role="status" aria-live="polite">
        {notice && <Text className={styles.muted}>{notice}</Text>}
      </div>
      {state.status === 'loading' && <Loading label={t('sessions.loading')} />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'ready' && state.data.items.length === 0 && (
        <EmptyState>{t(canFacilitate ? 'sessions.emptyFacilitator' : 'sessions.empty')}</EmptyState>
      )}
      {state.status === 'ready' && state.data.items.length > 0 && (
        <ul className={styles.list} data-testid="session-list">
          {state.data.items.map((s) => (
            <li key={s.id} className={styles.item}>
              <Text weight="semibold" className={styles.title}>
                {s.title}
              </Text>
              <Badge appearance="filled" color={s.status === 'live' ? 'success' : 'subtle'}>
                {t(s.status === 'live' ? 'sessions.live' : 'sessions.ended')}
              </Badge>
              <Text size={200} className={styles.muted}>
                {t('sessions.startedAt', { time: dateFormat.format(new Date(s.startedAt)) })}
              </Text>
              <span title={t('sessions.openNotesFor', { title: s.title })}>
                <RouterLink to={pathWith(TAB_ROUTES.channel, { classId, sessionId: s.id })}>
                  {t('sessions.openNotes')}
                </RouterLink>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
