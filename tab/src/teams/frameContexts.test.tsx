// @vitest-environment happy-dom
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { buildClass, classesHandler, fakeService } from '../test/fakeService';

/** teams-js as each Teams frame sees it; `frame` and `locale` pick the context the mock reports. */
const teams = vi.hoisted(() => ({
  frame: 'content',
  locale: 'en-us',
  extra: {},
  initialize: vi.fn<() => Promise<void>>(),
  notifySuccess: vi.fn<() => Promise<void>>(),
  registerOnThemeChangeHandler: vi.fn<(h: (theme: string) => void) => void>(),
  getAuthToken: vi.fn<(req?: { silent?: boolean }) => Promise<string>>(),
  setValidityState: vi.fn<(valid: boolean) => void>(),
  setConfig: vi.fn<(cfg: unknown) => Promise<void>>(),
  registerOnSaveHandler:
    vi.fn<(h: (evt: { notifySuccess(): void; notifyFailure(r?: string): void }) => void) => void>(),
}));

vi.mock('@microsoft/teams-js', () => ({
  app: {
    initialize: teams.initialize,
    getContext: () =>
      Promise.resolve({
        app: {
          theme: 'default',
          locale: teams.locale,
          sessionId: 's',
          host: { name: 'Teams', clientType: 'web' },
        },
        page: { id: '', frameContext: teams.frame },
        user: { id: 'aad-1', loginHint: 'ada@contoso.edu', tenant: { id: 'tenant-a' } },
        ...teams.extra,
      }),
    notifySuccess: teams.notifySuccess,
    registerOnThemeChangeHandler: teams.registerOnThemeChangeHandler,
  },
  authentication: { getAuthToken: teams.getAuthToken },
  pages: {
    config: {
      setValidityState: teams.setValidityState,
      setConfig: teams.setConfig,
      registerOnSaveHandler: teams.registerOnSaveHandler,
    },
  },
}));

configure({ asyncUtilTimeout: 10_000 });

const BASE = 'http://stoa.test';
const topDescriptor = Object.getOwnPropertyDescriptor(window, 'top');

function openIn(frame: string, path: string, extra: Record<string, unknown> = {}, locale = 'en-us') {
  teams.frame = frame;
  teams.locale = locale;
  teams.extra = extra;
  window.history.replaceState(null, '', path);
  Object.defineProperty(window, 'top', { configurable: true, get: () => ({}) });
}

beforeEach(() => {
  teams.initialize.mockResolvedValue(undefined);
  teams.notifySuccess.mockResolvedValue(undefined);
  teams.getAuthToken.mockResolvedValue('sso-token');
  teams.setConfig.mockResolvedValue(undefined);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.clearAllMocks();
  window.history.replaceState(null, '', '/');
  if (topDescriptor) Object.defineProperty(window, 'top', topDescriptor);
});

describe('Teams frame contexts', () => {
  it('settings: creates the class of the channel and saves the tab with URLs from the tab routes', async () => {
    openIn('settings', '/tab/config', {
      team: { internalId: '19:team', groupId: 'group-1', displayName: 'Physics team' },
      channel: { id: '19:general@thread.tacv2' },
    });
    const cls = buildClass({ id: 'cls_9' as never, name: 'Physics team' });
    const svc = fakeService(classesHandler([]), (c) =>
      c.method === 'POST' && c.path === '/api/v1/classes/ensure'
        ? { status: 200, body: { class: cls, created: true, joined: false } }
        : undefined,
    );
    vi.stubGlobal('fetch', svc.fetch);
    render(<App apiBaseUrl={BASE} teamsTimeoutMs={500} devSignIn={false} />);

    expect(await screen.findByRole('heading', { name: 'Set up Stoa' })).toBeTruthy();
    expect(screen.queryByRole('banner')).toBeNull(); // Teams' dialog frames the page itself
    expect(teams.notifySuccess).toHaveBeenCalledOnce();
    expect(teams.registerOnSaveHandler).toHaveBeenCalled();
    expect(teams.setValidityState).toHaveBeenLastCalledWith(false);
    expect(screen.getByRole('radio', { name: 'The class of this channel' })).toHaveProperty('checked', true);
    expect(screen.getByLabelText(/Class name/)).toHaveProperty('value', 'Physics team');

    fireEvent.click(screen.getByRole('radio', { name: 'The facilitator dashboard' }));
    fireEvent.click(screen.getByRole('button', { name: 'Use this class' }));
    expect(await screen.findByText(/Ready: “Physics team”/)).toBeTruthy();
    expect(svc.calls.find((c) => c.path === '/api/v1/classes/ensure')?.body).toEqual({
      name: 'Physics team',
      conversation: {
        kind: 'channel',
        conversationId: '19:general@thread.tacv2',
        channelId: '19:general@thread.tacv2',
        teamId: 'group-1',
      },
    });
    await waitFor(() => expect(teams.setValidityState).toHaveBeenLastCalledWith(true));

    const save = teams.registerOnSaveHandler.mock.calls.at(-1)![0];
    const event = { notifySuccess: vi.fn(), notifyFailure: vi.fn() };
    save(event);
    await waitFor(() => expect(event.notifySuccess).toHaveBeenCalled());
    const url = `${window.location.origin}/tab/class?classId=cls_9&view=dashboard`;
    expect(teams.setConfig).toHaveBeenCalledWith({
      entityId: 'stoa-dashboard-cls_9',
      contentUrl: url,
      websiteUrl: url,
      suggestedDisplayName: 'Physics team · Dashboard',
    });
    expect(event.notifyFailure).not.toHaveBeenCalled();
  });

  it('settings: explains when the conversation has a class the person is not in', async () => {
    openIn('settings', '/tab/config', { chat: { id: '19:chat@thread.v2' } });
    const svc = fakeService(classesHandler([]), (c) =>
      c.path === '/api/v1/classes/ensure'
        ? { status: 403, body: { error: { id: 'not_a_member', message: 'raw' } } }
        : undefined,
    );
    vi.stubGlobal('fetch', svc.fetch);
    render(<App apiBaseUrl={BASE} teamsTimeoutMs={500} devSignIn={false} />);

    fireEvent.change(await screen.findByLabelText(/Class name/), { target: { value: 'Study group' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use this class' }));
    expect(await screen.findByText(/This chat already has a Stoa class/)).toBeTruthy();
    expect(teams.setValidityState).not.toHaveBeenCalledWith(true);
  });

  it('content: a Swedish Teams client gets the Swedish tab', async () => {
    openIn('content', '/', {}, 'sv-SE');
    vi.stubGlobal('fetch', fakeService(classesHandler([buildClass({ name: 'Fysik' })])).fetch);
    render(<App apiBaseUrl={BASE} teamsTimeoutMs={500} devSignIn={false} />);

    expect(await screen.findByRole('heading', { name: 'Mina kurser' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Fysik' })).toBeTruthy();
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(document.documentElement.lang).toBe('sv');
  });

  it('sidePanel: renders compact, without the header, and tells Teams it loaded', async () => {
    openIn('sidePanel', '/tab/panel', { meeting: { id: 'MCM' }, chat: { id: '19:meeting@thread.v2' } });
    vi.stubGlobal('fetch', fakeService(classesHandler([])).fetch);
    render(<App apiBaseUrl={BASE} teamsTimeoutMs={500} devSignIn={false} />);

    // No class is bound to this meeting's chat yet: the panel says how Stoa gets set up.
    expect(await screen.findByText(/Stoa is not set up for this meeting yet/)).toBeTruthy();
    expect(teams.notifySuccess).toHaveBeenCalledOnce();
    expect(screen.queryByRole('banner')).toBeNull();
  });

  it('meetingStage: renders the stage route with the SSO token', async () => {
    openIn('meetingStage', '/tab/stage', { meeting: { id: 'MCM' } });
    vi.stubGlobal('fetch', fakeService(classesHandler([])).fetch);
    render(<App apiBaseUrl={BASE} teamsTimeoutMs={500} devSignIn={false} />);

    expect(await screen.findByRole('heading', { level: 1 })).toBeTruthy();
    expect(teams.notifySuccess).toHaveBeenCalledOnce();
    expect(teams.getAuthToken).toHaveBeenCalled();
    expect(screen.queryByRole('heading', { name: 'Sign in to Stoa' })).toBeNull();
  });
});
