import { Title2, Text } from '@fluentui/react-components';
import { lazy } from 'react';
import { useI18n } from './i18n/I18nProvider';
import { RouterLink, type TabLocation } from './router/router';
import { useTeamsHost } from './teams/hostContext';

// Each view is its own chunk so the first paint only pays for the shell.
const MyClassesView = lazy(() => import('./views/MyClassesView'));
const ClassView = lazy(() => import('./views/ClassView'));
const SessionPage = lazy(() => import('./rounds/SessionPage'));
const StageView = lazy(() => import('./stage/StageView'));
const ConfigView = lazy(() => import('./config/ConfigView'));
const PersonalView = lazy(() => import('./personal/PersonalView'));
const DashboardView = lazy(() => import('./dashboard/DashboardView'));
const LiveSessionView = lazy(() => import('./views/LiveSessionView'));

/** Teams frames of a meeting, where a tab opened without a session goes straight to the live lecture. */
const MEETING_FRAMES: Record<string, 'sidePanel' | 'stage'> = {
  sidePanel: 'sidePanel',
  meetingStage: 'stage',
};

/** The page for a signed-in location. */
export function SignedInRoutes({ location }: { location: TabLocation }) {
  const meetingFrame = MEETING_FRAMES[useTeamsHost()?.info.frameContext ?? ''];
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
      // The configured tab (`?classId=...`) opened in a meeting's side panel or on its stage.
      if (meetingFrame) {
        const classId = location.query.get('classId');
        return (
          <LiveSessionView key={`${meetingFrame}/${classId}`} classId={classId} surface={meetingFrame} />
        );
      }
      return <ClassView key={location.query.get('classId')} classId={location.query.get('classId')} />;
    }
    case 'config':
      return <ConfigView />;
    case 'sidePanel': {
      const sessionId = location.query.get('sessionId');
      if (sessionId) return <SessionPage key={sessionId} sessionId={sessionId} compact />;
      return <LiveSessionView classId={location.query.get('classId')} surface="sidePanel" />;
    }
    case 'stage': {
      const sessionId = location.query.get('sessionId');
      if (!sessionId) return <LiveSessionView classId={location.query.get('classId')} surface="stage" />;
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
