import { Text, Title2 } from '@fluentui/react-components';
import { useEffect } from 'react';
import { TAB_ROUTES } from '../../../shared/contract/tabRoutes';
import { useSession } from '../auth/session';
import { ErrorState, Loading } from '../components/States';
import { useLoad } from '../hooks/useLoad';
import { useI18n } from '../i18n/I18nProvider';
import { navigate, pathWith } from '../router/router';

/**
 * `/join/<token>`: the page a join link or QR code opens. The signed-in person joins the class as a
 * student (members keep their role) and lands on its live lecture's notes, or on the class when no
 * lecture is running. The address is replaced, so Back does not join again.
 */
export default function JoinPage({ token }: { token: string | null }) {
  const { t } = useI18n();
  const { api } = useSession();
  const { state, reload } = useLoad(async () => {
    if (!token) throw new Error('missing token');
    const cls = await api.call('joinByLink', { params: { token }, body: {} });
    const { items } = await api.call('listSessions', { params: { classId: cls.id }, query: { limit: 20 } });
    const live = items.find((s) => s.status === 'live');
    return pathWith(TAB_ROUTES.channel, { classId: cls.id, sessionId: live?.id });
  }, token ?? '');

  useEffect(() => {
    if (state.status === 'ready') navigate(state.data, { replace: true });
  }, [state]);

  if (!token) return <Text>{t('join.missing')}</Text>;
  if (state.status === 'error')
    return (
      <>
        <Title2 as="h1">{t('join.title')}</Title2>
        <Text>{t('join.failed')}</Text>
        <ErrorState error={state.error} onRetry={reload} />
      </>
    );
  return <Loading label={t('join.joining')} />;
}
