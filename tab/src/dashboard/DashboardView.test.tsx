// @vitest-environment happy-dom
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClassDashboard, SessionDashboard } from '../../../shared/contract/dashboard';
import type { SessionAnalytics } from '../../../shared/contract/rounds/analyticsSchemas';
import { TabApi } from '../api/tabApi';
import { SessionContext } from '../auth/session';
import { I18nProvider } from '../i18n/I18nProvider';
import { fakeService } from '../test/fakeService';
import DashboardView from './DashboardView';

configure({ asyncUtilTimeout: 10_000 });

const analytics: SessionAnalytics = {
  rounds: { peer_instruction: 1, question_round: 1, muddiest_point: 0, poll: 0, wordcloud: 0 },
  completed: 1,
  peerInstruction: {
    rounds: 1,
    meanShareCorrectBefore: 0.25,
    meanShareCorrectAfter: 1,
    meanNormalizedChange: 1,
    wrongToRight: 2,
    rightToWrong: 0,
  },
  questions: {
    total: 3,
    answeredByPeers: 1,
    shareAnsweredByPeers: 1 / 3,
    medianTimeToFirstPeerAnswerMs: 45_000,
    endorsed: 1,
  },
  muddyPoints: 0,
  pollAnswers: 0,
  cloudWords: 0,
  meanParticipation: 0.8,
};

const sessionDashboard: SessionDashboard = {
  sessionId: 'ses_1' as never,
  classId: 'cls_1' as never,
  title: 'Lecture 3',
  status: 'live',
  startedAt: '2026-01-01T10:00:00.000Z',
  students: 5,
  analytics,
  rounds: [],
  heatmap: {
    sections: [
      { index: 0, heading: 'Orbits', level: 2, open: 3, resolved: 1 },
      { index: 1, heading: 'Tides', level: 2, open: 0, resolved: 0 },
    ],
    detached: { open: 1, resolved: 0 },
    total: { open: 4, resolved: 1 },
  },
};

const classDashboard: ClassDashboard = {
  classId: 'cls_1' as never,
  name: 'Physics',
  students: 5,
  sessions: [
    {
      sessionId: 'ses_1' as never,
      title: 'Lecture 3',
      status: 'live',
      startedAt: '2026-01-01T10:00:00.000Z',
      analytics,
      flags: { open: 4, resolved: 1 },
    },
  ],
  totals: analytics,
  flags: { open: 4, resolved: 1 },
};

function renderWith(svc: ReturnType<typeof fakeService>, ui: React.ReactNode, language: 'en' | 'sv' = 'en') {
  const api = new TabApi(
    'http://stoa.test',
    { current: async () => 't', refresh: async () => false },
    () => {},
    svc.fetch,
  );
  const session = { api, displayName: 'Ada', intent: 'facilitator' as const, teams: null, signOut: null };
  return render(
    <I18nProvider language={language}>
      <FluentProvider theme={teamsLightTheme}>
        <SessionContext.Provider value={session}>{ui}</SessionContext.Provider>
      </FluentProvider>
    </I18nProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('facilitator dashboard', () => {
  it('shows a session’s figures, the heat map as a table, and downloads the CSV', async () => {
    const svc = fakeService((c) => {
      if (c.path === '/api/v1/sessions/ses_1/dashboard') return { status: 200, body: sessionDashboard };
      if (c.path === '/api/v1/sessions/ses_1/rounds.csv') return { status: 200, body: 'round_id\r\n' };
      return undefined;
    });
    const created: Blob[] = [];
    class BlobUrls extends URL {
      static override createObjectURL(blob: Blob) {
        created.push(blob);
        return 'blob:stoa-test';
      }
      static override revokeObjectURL() {}
    }
    vi.stubGlobal('URL', BlobUrls);
    renderWith(svc, <DashboardView classId="cls_1" sessionId="ses_1" />);

    expect(await screen.findByRole('heading', { name: 'Dashboard of “Lecture 3”' })).toBeTruthy();
    expect(within(screen.getByTestId('stat-participation')).getByText('80 %')).toBeTruthy();
    expect(within(screen.getByTestId('stat-firstAnswer')).getByText('45 s')).toBeTruthy();
    const heat = screen.getByTestId('heatmap');
    const orbits = within(heat).getByRole('rowheader', { name: 'Orbits' }).closest('tr')!;
    expect(
      within(orbits)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['3', '1']);
    expect(within(heat).getByRole('rowheader', { name: 'On text deleted since' })).toBeTruthy();
    expect(screen.getByText('No Peer Instruction round in this session yet.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Download round results (CSV)' }));
    expect(await screen.findByText('Downloaded lecture-3-rounds.csv.')).toBeTruthy();
    expect(created[0]?.type).toBe('text/csv;charset=utf-8');
  });

  it('lists the class’s sessions with links to each session’s dashboard, in Swedish too', async () => {
    const svc = fakeService((c) =>
      c.path === '/api/v1/classes/cls_1/dashboard' ? { status: 200, body: classDashboard } : undefined,
    );
    renderWith(svc, <DashboardView classId="cls_1" sessionId={null} />, 'sv');

    expect(await screen.findByRole('heading', { name: 'Översikt för ”Physics”' })).toBeTruthy();
    const link = within(screen.getByTestId('sessions-table')).getByRole('link', { name: 'Lecture 3' });
    expect(link.getAttribute('href')).toBe('/tab/class?classId=cls_1&sessionId=ses_1&view=dashboard');
  });

  it('tells a student that only facilitators can open it', async () => {
    const svc = fakeService(() => ({
      status: 403,
      body: { error: { id: 'insufficient_role', message: 'Facilitators only' } },
    }));
    renderWith(svc, <DashboardView classId="cls_1" sessionId={null} />);
    expect(await screen.findByText('Only facilitators of this class can do that.')).toBeTruthy();
  });
});
