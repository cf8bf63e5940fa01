import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useState } from 'react';
import { DevGate, TeamsGate } from './auth/AuthGate';
import { Loading } from './components/States';
import { env } from './env';
import { resolveLanguage, translator } from './i18n';
import { I18nProvider } from './i18n/I18nProvider';
import { useTabLocation } from './router/router';
import { SignedInRoutes } from './SignedInRoutes';
import { TeamsHostContext } from './teams/hostContext';
import { connectToTeams, looksEmbedded, type TeamsHost } from './teams/teamsHost';
import { previewTheme } from './theme/previewTheme';
import { FLUENT_THEMES, useThemeName } from './theme/themes';

const InfoPage = lazy(() => import('./views/InfoPage'));

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
});

export interface AppProps {
  /** Service base URL; empty for the origin the tab is served from. */
  apiBaseUrl?: string;
  teamsTimeoutMs?: number;
  devSignIn?: boolean;
}

/** The whole tab: find the host (Teams or browser), follow its theme and language, sign in, route. */
export function App({
  apiBaseUrl = env.VITE_STOA_API_URL,
  teamsTimeoutMs = env.VITE_TEAMS_INIT_TIMEOUT_MS,
  devSignIn = env.VITE_DEV_SIGN_IN,
}: AppProps) {
  const styles = useStyles();
  // undefined while detecting, null in a plain browser (known at once when nothing can be hosting us,
  // so the page renders in the first pass instead of after a "connecting" one)
  const [host, setHost] = useState<TeamsHost | null | undefined>(() => (looksEmbedded() ? undefined : null));
  const location = useTabLocation();

  useEffect(() => {
    let live = true;
    connectToTeams(teamsTimeoutMs).then(
      (h) => live && setHost(h),
      (err: unknown) => {
        console.warn('Stoa: Teams detection failed, using the browser sign-in.', err);
        if (live) setHost(null);
      },
    );
    return () => {
      live = false;
    };
  }, [teamsTimeoutMs]);

  const followed = useThemeName(host);
  const themeName = (host ? null : previewTheme(location.query.toString())) ?? followed;
  const language = resolveLanguage(host?.info.locale ?? navigator.language);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  // Teams' configuration dialog has its own frame and buttons: no header (and no way to wander off) there.
  const compact =
    location.route === 'sidePanel' || location.route === 'stage' || (!!host && location.route === 'config');
  let page;
  if (location.route === 'privacy' || location.route === 'terms') page = <InfoPage page={location.route} />;
  else if (host === undefined) page = <Loading label={translator(language)('teams.connecting')} />;
  else if (host)
    page = (
      <TeamsGate host={host} baseUrl={apiBaseUrl} compact={compact}>
        <SignedInRoutes location={location} />
      </TeamsGate>
    );
  else
    page = (
      <DevGate baseUrl={apiBaseUrl} compact={compact} enabled={devSignIn}>
        <SignedInRoutes location={location} />
      </DevGate>
    );

  return (
    <I18nProvider language={language}>
      <FluentProvider theme={FLUENT_THEMES[themeName]} className={styles.root} data-theme={themeName}>
        <TeamsHostContext.Provider value={host ?? null}>
          <Suspense fallback={<Loading label={translator(language)('app.loading')} />}>{page}</Suspense>
        </TeamsHostContext.Provider>
      </FluentProvider>
    </I18nProvider>
  );
}
