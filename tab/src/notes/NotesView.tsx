import { Text } from '@fluentui/react-components';
import { TAB_ROUTES } from '../../../shared/contract/tabRoutes';
import type { ClassId, SessionId } from '../../../shared/contract/ids';
import { useSession } from '../auth/session';
import { ErrorState, Loading } from '../components/States';
import { useLoad } from '../hooks/useLoad';
import { useI18n } from '../i18n/I18nProvider';
import { RouterLink, pathWith } from '../router/router';
import { useNoteConnection } from './collab/useNoteConnection';
import { NoteWorkspace } from './NoteWorkspace';

interface Props {
  sessionId: string | null;
  /** The class, when the address says (channel tab): loaded alongside the session instead of after it. */
  classId?: string | null;
  /** Meeting side panel or stage: no way back to the class page, every pixel for the text. */
  compact?: boolean;
}

/**
 * The live notes of one session (a lazy chunk: the editor, Yjs and the collaboration client load only
 * here). Who the person is and their role in the class come from the service, not from the token.
 */
export default function NotesView({ sessionId, classId = null, compact = false }: Props) {
  const { t } = useI18n();
  if (!sessionId) return <Text>{t('notes.missingSession')}</Text>;
  return (
    <NotesLoader sessionId={sessionId as SessionId} classId={classId as ClassId | null} compact={compact} />
  );
}

function NotesLoader({
  sessionId,
  classId,
  compact,
}: {
  sessionId: SessionId;
  classId: ClassId | null;
  compact: boolean;
}) {
  const { t } = useI18n();
  const { api } = useSession();
  // The note connects while the page asks who is who: both need only the session id and the token.
  const { connection, state: connectionState } = useNoteConnection(api, sessionId);
  const { state, reload } = useLoad(async () => {
    const [me, session, hinted] = await Promise.all([
      api.call('getMe', {}),
      api.call('getSession', { params: { sessionId } }),
      classId ? api.call('getClass', { params: { classId } }).catch(() => null) : null,
    ]);
    const cls =
      hinted?.id === session.classId
        ? hinted
        : await api.call('getClass', { params: { classId: session.classId } });
    return { me, session, cls };
  }, sessionId);

  if (state.status === 'loading') return <Loading label={t('notes.loading')} />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} />;
  const { me, session, cls } = state.data;
  return (
    <>
      {!compact && (
        <nav data-print="hide">
          <RouterLink to={pathWith(TAB_ROUTES.channel, { classId: cls.id })}>{t('notes.back')}</RouterLink>
        </nav>
      )}
      <NoteWorkspace
        session={session}
        cls={cls}
        me={me}
        compact={compact}
        connection={connection}
        connectionState={connectionState}
      />
    </>
  );
}
