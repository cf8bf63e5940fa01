import type { ClassId, SessionId } from '../../../shared/contract/ids';
import { TAB_ROUTES } from '../../../shared/contract/tabRoutes';
import { useSession } from '../auth/session';
import { ErrorState, Loading } from '../components/States';
import { useLoad } from '../hooks/useLoad';
import { useI18n } from '../i18n/I18nProvider';
import { RouterLink, pathWith } from '../router/router';
import { ClassDashboard } from './ClassDashboard';
import { SessionDashboard } from './SessionDashboard';
import PlaceholderView from '../views/PlaceholderView';

/**
 * The facilitator dashboard (`?classId=..&view=dashboard`, with `&sessionId=..` for one session). The
 * service decides who may see it: a student gets its "only facilitators" message.
 */
export default function DashboardView({
  classId,
  sessionId,
}: {
  classId: string | null;
  sessionId: string | null;
}) {
  if (!classId) return <PlaceholderView titleKey="dashboard.missingClass" />;
  return sessionId ? (
    <SessionPage key={sessionId} classId={classId as ClassId} sessionId={sessionId as SessionId} />
  ) : (
    <ClassPage key={classId} classId={classId as ClassId} />
  );
}

function Back({ classId }: { classId: ClassId }) {
  const { t } = useI18n();
  return <RouterLink to={pathWith(TAB_ROUTES.channel, { classId })}>{t('dashboard.back')}</RouterLink>;
}

function ClassPage({ classId }: { classId: ClassId }) {
  const { t } = useI18n();
  const { api } = useSession();
  const { state, reload } = useLoad(() => api.call('getClassDashboard', { params: { classId } }), classId);
  if (state.status === 'loading') return <Loading label={t('dashboard.loading')} />;
  if (state.status === 'error')
    return (
      <>
        <Back classId={classId} />
        <ErrorState error={state.error} onRetry={reload} />
      </>
    );
  return <ClassDashboard data={state.data} />;
}

function SessionPage({ classId, sessionId }: { classId: ClassId; sessionId: SessionId }) {
  const { t } = useI18n();
  const { api } = useSession();
  const { state, reload } = useLoad(
    () => api.call('getSessionDashboard', { params: { sessionId } }),
    sessionId,
  );
  if (state.status === 'loading') return <Loading label={t('dashboard.loading')} />;
  if (state.status === 'error')
    return (
      <>
        <Back classId={classId} />
        <ErrorState error={state.error} onRetry={reload} />
      </>
    );
  return <SessionDashboard data={state.data} />;
}
