import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { lazy, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { TabApi } from '../api/tabApi';
import { Shell } from '../components/Shell';
import { Loading } from '../components/States';
import { env } from '../env';
import { useI18n } from '../i18n/I18nProvider';
import { ssoFailureKind, ssoFailureReason, type TeamsHost } from '../teams/teamsHost';
import { clearDevSession, loadDevSession, saveDevSession, type DevSession } from './devSession';
import { SessionContext, type Session } from './session';
import { devTokenSource, teamsTokenSource } from './tokenSources';

const DevSignIn = lazy(() => import('./DevSignIn'));

interface GateProps {
  baseUrl: string;
  /** Side panel and stage: no header. */
  compact: boolean;
  children: ReactNode;
}

type SsoState =
  | { status: 'pending' }
  | { status: 'ready'; token: string }
  | { status: 'consent' }
  | { status: 'failed'; reason: string };

/** Inside Teams: the shell renders at once (and Teams is told so), then the SSO token is fetched. */
export function TeamsGate({ host, baseUrl, compact, children }: GateProps & { host: TeamsHost }) {
  const { t } = useI18n();
  const [sso, setSso] = useState<SsoState>({ status: 'pending' });

  const attempt = useCallback(
    (allowPrompt: boolean) => {
      setSso({ status: 'pending' });
      host.getAuthToken(allowPrompt).then(
        (token) => setSso({ status: 'ready', token }),
        (err: unknown) =>
          setSso(
            ssoFailureKind(err) === 'consent'
              ? { status: 'consent' }
              : { status: 'failed', reason: ssoFailureReason(err) },
          ),
      );
    },
    [host],
  );

  useEffect(() => host.notifySuccess(), [host]);
  useEffect(() => attempt(false), [attempt]);

  const token = sso.status === 'ready' ? sso.token : null;
  const session = useMemo<Session | null>(() => {
    if (!token) return null;
    const expire = () => setSso({ status: 'failed', reason: 'token refresh' });
    return {
      api: new TabApi(baseUrl, teamsTokenSource(host, token), expire),
      displayName: host.info.loginHint ?? null,
      intent: 'both',
      teams: host.info,
      signOut: null,
    };
  }, [token, baseUrl, host]);

  return (
    <Shell displayName={session?.displayName ?? null} onSignOut={null} compact={compact}>
      {sso.status === 'pending' && <Loading label={t('teams.signingIn')} />}
      {(sso.status === 'consent' || sso.status === 'failed') && (
        <MessageBar intent={sso.status === 'consent' ? 'warning' : 'error'} role="alert" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {t(sso.status === 'consent' ? 'teams.consentTitle' : 'teams.ssoFailedTitle')}
            </MessageBarTitle>
            {sso.status === 'consent' ? t('teams.consent') : t('teams.ssoFailed', { reason: sso.reason })}
            {sso.status === 'consent' && env.VITE_AAD_APP_CLIENT_ID && (
              <> {t('teams.consentAppId', { id: env.VITE_AAD_APP_CLIENT_ID })}</>
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => attempt(true)}>{t('common.retry')}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {session && <SessionContext.Provider value={session}>{children}</SessionContext.Provider>}
    </Shell>
  );
}

/** In a plain browser: dev sign-in, the token kept in sessionStorage, silent re-sign-in after a 401. */
export function DevGate({ baseUrl, compact, children, enabled }: GateProps & { enabled: boolean }) {
  const { t } = useI18n();
  const [dev, setDev] = useState<DevSession | null>(() => loadDevSession());
  const [notice, setNotice] = useState<string | null>(null);

  const signOut = useCallback(() => {
    clearDevSession();
    setNotice(null);
    setDev(null);
  }, []);

  const session = useMemo<Session | null>(() => {
    if (!dev) return null;
    const expire = () => {
      clearDevSession();
      setNotice(t('signIn.expired'));
      setDev(null);
    };
    return {
      api: new TabApi(baseUrl, devTokenSource(baseUrl, dev), expire),
      displayName: dev.name,
      intent: dev.intent,
      teams: null,
      signOut,
    };
  }, [dev, baseUrl, signOut, t]);

  const handleSignedIn = useCallback((s: DevSession) => {
    saveDevSession(s);
    setNotice(null);
    setDev(s);
  }, []);

  if (!enabled)
    return (
      <Shell displayName={null} onSignOut={null}>
        <MessageBar intent="warning">
          <MessageBarBody>{t('signIn.disabled')}</MessageBarBody>
        </MessageBar>
      </Shell>
    );
  if (!session) return <DevSignIn baseUrl={baseUrl} notice={notice} onSignedIn={handleSignedIn} />;
  return (
    <Shell displayName={session.displayName} onSignOut={session.signOut} compact={compact}>
      <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
    </Shell>
  );
}
