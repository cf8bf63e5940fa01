import { Title2, Text } from '@fluentui/react-components';
import { lazy } from 'react';
import { useI18n } from './i18n/I18nProvider';
import { RouterLink, type TabLocation } from './router/router';

// Each view is its own chunk so the first paint only pays for the shell.
const MyClassesView = lazy(() => import('./views/MyClassesView'));
const ClassView = lazy(() => import('./views/ClassView'));
const PlaceholderView = lazy(() => import('./views/PlaceholderView'));
const SessionPage = lazy(() => import('./rounds/SessionPage'));
const StageView = lazy(() => import('./stage/StageView'));
const ConfigView = lazy(() => import('./config/ConfigView'));
const PersonalView = lazy(() => import('./personal/PersonalView'));
const DashboardView = lazy(() => import('./dashboard/DashboardView'));

/** The page for a signed-in location. */
export function SignedInRoutes({ location }: { location: TabLocation }) {
  switch (location.route) {
    case 'home':
      return <MyClassesView />;
    case 'channel': {
      // A session's notes open in place of the class page: `?classId=...&sessionId=...`.
      const sessionId = location.query.get('sessionId');
      // The facilitator dashboard: `?classId=...&view=dashboard`, with `&sessionId=...` for one session.
      if (location.query.get('view') === 'dashboard') {
        return (
          <DashboardView
            key={`${location.query.get('classId')}/${sessionId}`}
            classId={location.query.get('classId')}
            sessionId={sessionId}
          />
        );
      }
      if (sessionId) {
        return <SessionPage key={sessionId} sessionId={sessionId} classId={location.query.get('classId')} />;
      }
      return <ClassView key={location.query.get('classId')} classId={location.query.get('classId')} />;
    }
    case 'config':
      return <ConfigView />;
    case 'sidePanel': {
      const sessionId = location.query.get('sessionId');
      if (sessionId) return <SessionPage key={sessionId} sessionId={sessionId} compact />;
      return <PlaceholderView titleKey="placeholder.sidePanel" />;
    }
    case 'stage': {
      const sessionId = location.query.get('sessionId');
      return <StageView key={sessionId} sessionId={sessionId} />;
    }
    case 'personal':
      return <PersonalView />;
    case 'privacy':
    case 'terms':
    case 'notFound':
      return <NotFound />;
  }
}

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <Title2 as="h1">{t('notFound.title')}</Title2>
      <Text>{t('notFound.body')}</Text>
      <RouterLink to="/">{t('notFound.home')}</RouterLink>
    </>
  );
}
