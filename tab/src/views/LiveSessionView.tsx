import { Button, Text, Title2 } from '@fluentui/react-components';
import { lazy } from 'react';
import { useSession } from '../auth/session';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useLoad } from '../hooks/useLoad';
import { useI18n } from '../i18n/I18nProvider';
import { TAB_ROUTES } from '../../../shared/contract/tabRoutes';
import { RouterLink, pathWith } from '../router/router';
import { useTeamsHost } from '../teams/hostContext';
import { findLiveSession } from './liveSession';

const SessionPage = lazy(() => import('../rounds/SessionPage'));
const StageView = lazy(() => import('../stage/StageView'));

/**
 * A meeting surface (side panel or stage) opened without a session: it finds the class of the meeting and
 * opens its live lecture, so nobody has to pick one during a meeting. Without a live session it says how
 * one starts; `key` the view by the class to look again.
 */
export default function LiveSessionView({
  classId,
  surface,
}: {
  classId: string | null;
  surface: 'sidePanel' | 'stage';
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const teams = useTeamsHost()?.info ?? null;
  const { state, reload } = useLoad(
    () => findLiveSession(api, classId, teams),
    `${classId}/${teams?.chatId}/${teams?.channelId}`,
  );
  if (state.status === 'loading') return <Loading label={t('live.loading')} />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} />;
  const { cls, sessionId } = state.data;
  if (cls && sessionId) {
    return surface === 'stage' ? (
      <StageView sessionId={sessionId} />
    ) : (
      <SessionPage sessionId={sessionId} classId={cls.id} compact />
    );
  }
  return (
    <>
      <Title2 as="h1">{cls ? cls.name : t('live.title')}</Title2>
      <EmptyState>{cls ? t('live.noSession') : t('live.noClass')}</EmptyState>
      <Button onClick={reload}>{t('live.checkAgain')}</Button>
      {cls && (
        <Text>
          <RouterLink to={pathWith(TAB_ROUTES.channel, { classId: cls.id })}>
            {t('live.openClass')}
          </RouterLink>
        </Text>
      )}
    </>
  );
}
