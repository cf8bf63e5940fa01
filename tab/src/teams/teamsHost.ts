import type { app as teamsApp } from '@microsoft/teams-js';

/** Teams' theme names: `default` (light), `dark`, `contrast`; anything else is treated as light. */
export type TeamsThemeName = 'default' | 'dark' | 'contrast';

/** What the tab needs from the Teams context, flattened so views do not depend on teams-js types. */
export interface TeamsInfo {
  theme: TeamsThemeName;
  locale: string;
  /** `content`, `settings`, `sidePanel`, `meetingStage`, ... */
  frameContext: string;
  hostName: string;
  tenantId?: string;
  userId?: string;
  loginHint?: string;
  teamId?: string;
  teamName?: string;
  /** Teams' team type (standard, edu class, staff...), as its numeric code in teams-js. */
  teamType?: number;
  channelId?: string;
  chatId?: string;
  meetingId?: string;
  /** The tab instance's entity id, set by the configuration page. */
  entityId?: string;
}

/** A connected Teams host: the context plus the calls the tab makes into Teams. */
export interface TeamsHost {
  info: TeamsInfo;
  /** Tells Teams the app loaded, which hides its loading indicator. */
  notifySuccess(): void;
  /** An Entra SSO access token for the service; `allowPrompt` lets Teams show its consent prompt. */
  getAuthToken(allowPrompt?: boolean): Promise<string>;
  onThemeChange(handler: (theme: TeamsThemeName) => void): void;
  /** The configuration page's calls (`pages.config`); only meaningful in the `settings` frame. */
  config: TeamsTabConfigHost;
}

/** What a configurable tab saves: the URLs Teams loads and the tab's stable id. */
export interface TabInstanceConfig {
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
  suggestedDisplayName: string;
}

export interface TeamsTabConfigHost {
  /** Enables or disables Teams' Save button. */
  setValidity(valid: boolean): void;
  /**
   * Runs `prepare` when the user selects Save, then saves what it returns; a failure keeps the dialog
   * open with Teams' error, so the page can be fixed and saved again.
   */
  onSave(prepare: () => Promise<TabInstanceConfig>): void;
}

/**
 * Whether the page may be hosted by Teams: desktop and web Teams load tabs in an iframe, mobile
 * Teams in a web view that exposes `nativeInterface`, and auth pop-ups have an opener. A plain
 * browser tab has none of these, so the teams-js chunk is not even downloaded there.
 */
export function looksEmbedded(win: Window = window): boolean {
  try {
    if (win.self !== win.top) return true;
  } catch {
    return true; // a cross-origin parent throws on access: we are framed
  }
  return Boolean(win.opener) || 'nativeInterface' in win;
}

/** Normalises a Teams theme name. */
export function toThemeName(theme: string | undefined): TeamsThemeName {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function toInfo(ctx: teamsApp.Context): TeamsInfo {
  return {
    theme: toThemeName(ctx.app.theme),
    locale: ctx.app.locale,
    frameContext: String(ctx.page.frameContext),
    hostName: String(ctx.app.host.name),
    tenantId: ctx.user?.tenant?.id,
    userId: ctx.user?.id,
    loginHint: ctx.user?.loginHint,
    teamId: ctx.team?.groupId ?? ctx.team?.internalId,
    teamName: ctx.team?.displayName,
    teamType: ctx.team?.type === undefined ? undefined : Number(ctx.team.type),
    channelId: ctx.channel?.id,
    chatId: ctx.chat?.id,
    meetingId: ctx.meeting?.id,
    entityId: ctx.page.id || undefined,
  };
}

/**
 * Connects to the Teams host, or resolves null when there is none (plain browser, or a frame that
 * is not Teams: `app.initialize` rejects with "No Parent window found" or never answers).
 */
export async function connectToTeams(timeoutMs: number, win: Window = window): Promise<TeamsHost | null> {
  if (!looksEmbedded(win)) return null;
  const teamsJs = await import('@microsoft/teams-js');
  const { app, authentication } = teamsJs;
  try {
    await withTimeout(app.initialize(), timeoutMs, 'Teams app.initialize');
  } catch (err) {
    console.info(
      'Stoa: not running inside Teams, using the browser sign-in:',
      err instanceof Error ? err.message : err,
    );
    return null;
  }
  const ctx = await withTimeout(app.getContext(), timeoutMs, 'Teams app.getContext');
  let notified = false;
  return {
    info: toInfo(ctx),
    notifySuccess() {
      if (notified) return;
      notified = true;
      app.notifySuccess().catch((err: unknown) => console.warn('Stoa: notifySuccess failed', err));
    },
    getAuthToken(allowPrompt) {
      return authentication.getAuthToken(allowPrompt ? { silent: false } : undefined);
    },
    onThemeChange(handler) {
      app.registerOnThemeChangeHandler((theme) => handler(toThemeName(theme)));
    },
    config: {
      // `pages` is read only here: the configuration page is the one place that uses it.
      setValidity(valid) {
        teamsJs.pages.config.setValidityState(valid);
      },
      onSave(prepare) {
        const { config } = teamsJs.pages;
        config.registerOnSaveHandler((event) => {
          prepare()
            .then((cfg) => config.setConfig(cfg))
            .then(
              () => event.notifySuccess(),
              (err: unknown) => event.notifyFailure(ssoFailureReason(err)),
            );
        });
      },
    },
  };
}

/** Teams reports SSO failures as bare strings; these ones mean the user or admin must consent first. */
const CONSENT_ERRORS = [
  'resourcerequiresconsent',
  'consent_required',
  'interaction_required',
  'invalid_grant',
];

/** Classifies a `getAuthToken` failure so the tab can show the matching recovery step. */
export function ssoFailureKind(err: unknown): 'consent' | 'failed' {
  const text = (err instanceof Error ? err.message : String(err)).toLowerCase();
  return CONSENT_ERRORS.some((s) => text.includes(s)) ? 'consent' : 'failed';
}

/** A short reason for an SSO failure, safe to show (Teams' error strings are codes, not user data). */
export function ssoFailureReason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.slice(0, 120) || 'unknown error';
}
