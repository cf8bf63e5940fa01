import { Title2, Text } from '@fluentui/react-components';
import { Loading } from './components/States';
import { useI18n } from './i18n/I18nProvider';
import { preloadable } from './lib/preloadable';
import { RouterLink, joinTokenOf, type TabLocation } from './router/router';
import { useTeamsHost } from './teams/hostContext';

/** Shown while a page's chunk arrives (the same as the app's own loading state). */
function PageLoading() {
  const { t } = useI18n();
  return <Loading label={t('app.loading')} />;
}

// Each view is its own chunk so the first paint only pays for the shell.
const MyClasses = preloadable(() => import('./views/MyClassesView'), PageLoading);
const Class = preloadable(() => import('./views/ClassView'), PageLoading);
const Session = preloadable(() => import('./rounds/SessionPage'), PageLoading);
const Stage = preloadable(() => import('./stage/StageView'), PageLoading);
const Config = preloadable(() => import('./config/ConfigView'), PageLoading);
const Personal = preloadable(() => import('./personal/PersonalView'), PageLoading);
const Dashboard = preloadable(() => import('./dashboard/DashboardView'), PageLoading);
const LiveSession = preloadable(() => import('./views/LiveSessionView'), PageLoading);
const Join = preloadable(() => import('./join/JoinPage'), PageLoading);
const JoinPage = Join.View;
const MyClassesView = MyClasses.View;
const ClassView = Class.View;
const SessionPage = Session.View;
const StageView = Stage.View;
const ConfigView = Config.View;
const PersonalView = Personal.View;
const DashboardView = Dashboard.View;
const LiveSessionView = LiveSession.View;

/**
 * Starts fetching the view of an address while the shell loads, detects Teams and signs in, so the page
 * renders without waiting for its chunk. Only where the address alone decides the view (a meeting frame
 * can turn a channel address into the live session view).
 */
export function preloadView(location: TabLocation): void {
  const { route, query } = location;
  const sessionId = query.get('sessionId');
  let view: { preload(): Promise<unknown> } | null = null;
  if (route === 'home') view = MyClasses;
  else if (route === 'channel' && query.get('view') === 'dashboard') view = Dashboard;
  else if ((route === 'channel' || route === 'sidePanel') && sessionId) view = Session;
  else if (route === 'stage' && sessionId) view = Stage;
  else if (route === 'config') view = Config;
  else if (route === 'personal') view = Personal;
  else if (route === 'join') view = Join;
  // A failed fetch shows when the view renders (the error boundary), not here.
  view?.preload().catch(() => undefined);
}

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
    case 'join':
      return <JoinPage token={joinTokenOf(location.path)} />;
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
