import { Title2, Text } from '@fluentui/react-components';
import { lazy } from 'react';
import { useI18n } from './i18n/I18nProvider';
import { RouterLink, type TabLocation } from './router/router';

// Each view is its own chunk so the first paint only pays for the shell.
const MyClassesView = lazy(() => import('./views/MyClassesView'));
const ClassView = lazy(() => import('./views/ClassView'));
const PlaceholderView = lazy(() => import('./views/PlaceholderView'));
const NotesView = lazy(() => import('./notes/NotesView'));

/** The page for a signed-in location. */
export function SignedInRoutes({ location }: { location: TabLocation }) {
  switch (location.route) {
    case 'home':
      return <MyClassesView />;
    case 'channel': {
      // A session's notes open in place of the class page: `?classId=...&sessionId=...`.
      const sessionId = location.query.get('sessionId');
      if (sessionId) {
        return <NotesView key={sessionId} sessionId={sessionId} classId={location.query.get('classId')} />;
      }
      return <ClassView key={location.query.get('classId')} classId={location.query.get('classId')} />;
    }
    case 'config':
      return <PlaceholderView titleKey="placeholder.config" />;
    case 'sidePanel': {
      const sessionId = location.query.get('sessionId');
      if (sessionId) return <NotesView key={sessionId} sessionId={sessionId} compact />;
      return <PlaceholderView titleKey="placeholder.sidePanel" />;
    }
    case 'stage':
      return <PlaceholderView titleKey="placeholder.stage" />;
    case 'personal':
      return <PlaceholderView titleKey="placeholder.personal" />;
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
