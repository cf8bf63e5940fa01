// @vitest-environment happy-dom
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { cleanup, configure, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MyActivity } from '../../../shared/contract/dashboard';
import { TabApi } from '../api/tabApi';
import { SessionContext } from '../auth/session';
import { I18nProvider } from '../i18n/I18nProvider';
import { buildClass, classesHandler, fakeService } from '../test/fakeService';
import PersonalView from './PersonalView';

configure({ asyncUtilTimeout: 10_000 });

const where = {
  sessionId: 'ses_1' as never,
  sessionTitle: 'Lecture 3',
  classId: 'cls_1' as never,
  className: 'Physics',
};

const activity: MyActivity = {
  recentSessions: [
    {
      sessionId: 'ses_1' as never,
      classId: 'cls_1' as never,
      className: 'Physics',
      title: 'Lecture 3',
      status: 'live',
      startedAt: '2026-01-01T10:00:00.000Z',
    },
  ],
  openFlags: [{ ...where, annotationId: 'a1', quote: 'Planets move', createdAt: null }],
  questions: [
    {
      ...where,
      roundId: 'rnd_1' as never,
      topic: 'Orbits',
      text: 'Why ellipses?',
      anonymous: true,
      askedAt: '2026-01-01T10:05:00.000Z',
      answers: [
        { text: 'Energy fixes it.', authorName: null, byFacilitator: false, endorsed: true },
        { text: 'See Kepler.', authorName: 'Ada', byFacilitator: true, endorsed: false },
      ],
    },
  ],
};

function renderWith(svc: ReturnType<typeof fakeService>) {
  const api = new TabApi(
    'http://stoa.test',
    { current: async () => 't', refresh: async () => false },
    () => {},
    svc.fetch,
  );
  const session = { api, displayName: 'Bo', intent: 'student' as const, teams: null, signOut: null };
  return render(
    <I18nProvider language="en">
      <FluentProvider theme={teamsLightTheme}>
        <SessionContext.Provider value={session}>
          <PersonalView />
        </SessionContext.Provider>
      </FluentProvider>
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe('personal tab', () => {
  it('shows my classes, recent sessions, open flags and questions with their answers', async () => {
    const svc = fakeService(
      (c) => (c.path === '/api/v1/me/activity' ? { status: 200, body: activity } : undefined),
      classesHandler([buildClass({ name: 'Physics', myRole: 'student' })]),
    );
    renderWith(svc);

    expect(await screen.findByRole('heading', { name: 'My Stoa' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Physics' })).toBeTruthy();
    const recent = await screen.findByTestId('recent-sessions');
    expect(within(recent).getByRole('link', { name: 'Lecture 3' }).getAttribute('href')).toBe(
      '/tab/class?classId=cls_1&sessionId=ses_1',
    );
    expect(within(screen.getByTestId('my-flags')).getByText('“Planets move”')).toBeTruthy();
    const questions = screen.getByTestId('my-questions');
    expect(within(questions).getByText('Why ellipses?')).toBeTruthy();
    expect(within(questions).getByText(/Answer from a classmate · Endorsed by the facilitator/)).toBeTruthy();
    expect(within(questions).getByText('Answer from the facilitator, Ada')).toBeTruthy();
  });

  it('shows empty states and a retry on errors', async () => {
    const svc = fakeService(
      (c) =>
        c.path === '/api/v1/me/activity'
          ? { status: 200, body: { recentSessions: [], openFlags: [], questions: [] } }
          : undefined,
      () => ({ status: 503, body: { error: { id: 'service_unavailable', message: 'x' } } }),
    );
    renderWith(svc);
    expect(await screen.findByText(/You have no open flags/)).toBeTruthy();
    expect(screen.getByText(/You have not asked any question/)).toBeTruthy();
    expect(await screen.findByText('Stoa is busy or restarting. Try again in a moment.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
