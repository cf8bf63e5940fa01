// @vitest-environment happy-dom
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { buildClass, classesHandler, devTokenHandler, fakeService } from './test/fakeService';

const teams = vi.hoisted(() => ({
  initialize: vi.fn<() => Promise<void>>(),
  getContext: vi.fn<() => Promise<unknown>>(),
  notifySuccess: vi.fn<() => Promise<void>>(),
  registerOnThemeChangeHandler: vi.fn<(h: (theme: string) => void) => void>(),
  getAuthToken: vi.fn<(req?: { silent?: boolean }) => Promise<string>>(),
}));

vi.mock('@microsoft/teams-js', () => ({
  app: {
    initialize: teams.initialize,
    getContext: teams.getContext,
    notifySuccess: teams.notifySuccess,
    registerOnThemeChangeHandler: teams.registerOnThemeChangeHandler,
  },
  authentication: { getAuthToken: teams.getAuthToken },
}));

// Views are lazy chunks that vitest transforms on first import: slow on a busy machine, so wait longer.
configure({ asyncUtilTimeout: 10_000 });

const BASE = 'http://stoa.test';
const topDescriptor = Object.getOwnPropertyDescriptor(window, 'top');

/** Makes the page look framed, as Teams desktop and web load tabs. */
function frameThePage() {
  Object.defineProperty(window, 'top', { configurable: true, get: () => ({}) });
}

function teamsContext(theme: string, frameContext = 'content') {
  return {
    app: {
      theme,
      locale: 'en-us',
      sessionId: 's',
      host: { name: 'Teams', clientType: 'web', sessionId: 'h' },
    },
    page: { id: 'stoa-class', frameContext },
    user: { id: 'aad-user-1', loginHint: 'ada@contoso.edu', tenant: { id: 'tenant-a' } },
    team: { internalId: '19:team', groupId: 'group-1', displayName: 'Physics' },
    channel: { id: '19:channel' },
    dialogParameters: {},
  };
}

beforeEach(() => {
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
  teams.notifySuccess.mockResolvedValue(undefined);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.clearAllMocks();
  if (topDescriptor) Object.defineProperty(window, 'top', topDescriptor);
});

describe('outside Teams', () => {
  it('shows the dev sign-in without loading Teams, then lists classes after signing in', async () => {
    const svc = fakeService(devTokenHandler, classesHandler([]));
    vi.stubGlobal('fetch', svc.fetch);
    render(<App apiBaseUrl={BASE} teamsTimeoutMs={200} devSignIn />);

    expect(await screen.findByRole('heading', { name: 'Sign in to Stoa' })).toBeTruthy();
    expect(teams.initialize).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText(/Display name/), { target: { value: 'Åsa Ek' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Student' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText(/Ask your facilitator for the class id/)).toBeTruthy();
    expect(svc.calls[0]?.body).toEqual({ tenantId: 'stoa-dev', userId: 'asa.ek', name: 'Åsa Ek' });
    expect(svc.calls[1]?.authorization).toBe('Bearer dev-token-asa.ek');
    expect(JSON.parse(sessionStorage.getItem('stoa.devSession') ?? '{}')).toMatchObject({
      intent: 'student',
    });
    expect(screen.queryByRole('button', { name: 'Create class' })).toBeNull();
  });

  it('falls back to dev sign-in when framed by a page that is not Teams', async () => {
    frameThePage();
    teams.initialize.mockRejectedValue(new Error('No Parent window found'));
    vi.stubGlobal('fetch', fakeService().fetch);
    render(<App apiBaseUrl={BASE} teamsTimeoutMs={200} devSignIn />);

    expect(await screen.findByRole('heading', { name: 'Sign in to Stoa' })).toBeTruthy();
    expect(teams.initialize).toHaveBeenCalledOnce();
    expect(teams.getAuthToken).not.toHaveBeenCalled();
  });

  it('signs in again silently when the service answers 401 to a stored token', async () => {
    sessionStorage.setItem(
      'stoa.devSession',
      JSON.stringify({
        tenantId: 't',
        userId: 'bo',
        name: 'Bo',
        intent: 'facilitator',
        token: 'stale',
        expiresAt: '2020-01-01T00:00:00Z',
      }),
    );
    const svc = fakeService(
      (c) =>
        c.authorization === 'Bearer stale'
          ? { status: 401, body: { error: { id: 'invalid_token', message: 'expired' } } }
          : undefined,
      devTokenHandler,
      classesHandler([buildClass({ name: 'Optics' })]),
    );
    vi.stubGlobal('fetch', svc.fetch);
    render(<App apiBaseUrl={BASE} teamsTimeoutMs={200} devSignIn />);

    expect(await screen.findByRole('link', { name: 'Optics' })).toBeTruthy();
    expect(svc.calls.map((c) => `${c.method} ${c.path} ${c.authorization}`)).toEqual([
      'GET /api/v1/classes Bearer stale',
      'POST /api/v1/dev/token null',
      'GET /api/v1/classes Bearer dev-token-bo',
    ]);
    expect(sessionStorage.getItem('stoa.devSession')).toContain('dev-token-bo');
  });
});

describe('inside Teams (content frame)', () => {
  beforeEach(() => {
    frameThePage();
    teams.initialize.mockResolvedValue(undefined);
  });

  it('requests the SSO token, calls notifySuccess, applies the dark theme and follows theme changes', async () => {
    teams.getContext.mockResolvedValue(teamsContext('dark'));
    teams.getAuthToken.mockResolvedValue('sso-token');
    const svc = fakeService(classesHandler([buildClass({ name: 'Physics 101', myRole: 'student' })]));
    vi.stubGlobal('fetch', svc.fetch);
    const { container } = render(<App apiBaseUrl={BASE} teamsTimeoutMs={200} devSignIn />);

    expect(await screen.findByRole('link', { name: 'Physics 101' })).toBeTruthy();
    expect(teams.notifySuccess).toHaveBeenCalledOnce();
    expect(teams.getAuthToken).toHaveBeenCalled();
    expect(svc.calls[0]?.authorization).toBe('Bearer sso-token');
    expect(screen.queryByRole('heading', { name: 'Sign in to Stoa' })).toBeNull();
    expect(container.querySelector('[data-theme]')?.getAttribute('data-theme')).toBe('dark');

    const onTheme = teams.registerOnThemeChangeHandler.mock.calls.at(-1)?.[0];
    expect(onTheme).toBeTypeOf('function');
    onTheme?.('contrast');
    await waitFor(() =>
      expect(container.querySelector('[data-theme]')?.getAttribute('data-theme')).toBe('contrast'),
    );
  });

  it('explains consent and retries with the prompt allowed', async () => {
    teams.getContext.mockResolvedValue(teamsContext('default'));
    teams.getAuthToken
      .mockRejectedValueOnce(new Error('resourceRequiresConsent'))
      .mockResolvedValue('sso-token');
    vi.stubGlobal('fetch', fakeService(classesHandler([])).fetch);
    render(<App apiBaseUrl={BASE} teamsTimeoutMs={200} devSignIn />);

    expect(await screen.findByText('Stoa needs your permission')).toBeTruthy();
    expect(teams.notifySuccess).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('heading', { name: 'My classes' })).toBeTruthy();
    expect(teams.getAuthToken).toHaveBeenLastCalledWith({ silent: false });
  });
});
