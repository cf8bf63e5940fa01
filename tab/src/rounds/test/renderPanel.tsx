import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import type { Session } from '../../../../shared/contract/sessions';
import type { RoundView } from '../../../../shared/contract/rounds/viewSchemas';
import { TabApi } from '../../api/tabApi';
import { SessionContext } from '../../auth/session';
import { I18nProvider } from '../../i18n/I18nProvider';
import type { TeamsInfo } from '../../teams/teamsHost';
import { buildClass, fakeService, type RecordedCall } from '../../test/fakeService';
import { sseFeed } from './roundFakes';

export const BASE = 'http://stoa.test';

export const SESSION: Session = {
  id: 'ses_1' as Session['id'],
  classId: 'cls_1' as Session['classId'],
  title: 'Lecture 3: Forces',
  status: 'live',
  createdBy: 'fac-1',
  startedAt: '2026-01-01T10:00:00.000Z',
  endedAt: null,
};

/** The class's members: the owner and two students. */
export const MEMBERS = [
  { userId: 'fac-1', name: 'Fran Facilitator', role: 'owner', joinedAt: '2026-01-01T09:00:00.000Z' },
  { userId: 's-1-x', name: 'Student 1 Name', role: 'student', joinedAt: '2026-01-01T09:01:00.000Z' },
  { userId: 's-2-x', name: 'Student 2 Name', role: 'student', joinedAt: '2026-01-01T09:02:00.000Z' },
];

type Answer = { status: number; body: unknown } | undefined;

interface Options {
  role: 'owner' | 'student';
  rounds?: RoundView[];
  /** Answers POSTs to a round's events (default: 404). */
  onEvent?: (call: RecordedCall) => Answer;
  onStart?: (call: RecordedCall) => Answer;
  teams?: TeamsInfo | null;
  /** The first stream connection is refused with this status. */
  refuseStream?: number;
}

/**
 * Renders `ui` signed in, against a fake service (REST answers from the options, the event stream from
 * `sseFeed`), the way the tab renders it below the auth gate.
 */
export function renderSignedIn(ui: ReactNode, opts: Options) {
  const feed = sseFeed();
  if (opts.refuseStream) feed.refuseNext(opts.refuseStream);
  const svc = fakeService(
    (c) =>
      c.method === 'GET' && c.path === '/api/v1/sessions/ses_1' ? { status: 200, body: SESSION } : undefined,
    (c) =>
      c.method === 'GET' && c.path === '/api/v1/classes/cls_1'
        ? { status: 200, body: buildClass({ myRole: opts.role }) }
        : undefined,
    (c) =>
      c.method === 'GET' && c.path === '/api/v1/sessions/ses_1/rounds'
        ? { status: 200, body: { items: opts.rounds ?? [] } }
        : undefined,
    (c) =>
      c.method === 'GET' && c.path.startsWith('/api/v1/classes/cls_1/members')
        ? { status: 200, body: { items: MEMBERS, nextCursor: null } }
        : undefined,
    (c) => (c.method === 'POST' && c.path.endsWith('/events') ? opts.onEvent?.(c) : undefined),
    (c) =>
      c.method === 'POST' && c.path === '/api/v1/sessions/ses_1/rounds' ? opts.onStart?.(c) : undefined,
  );
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.pathname === '/api/v1/sessions/ses_1/events') return feed.connect(new Headers(init?.headers));
    return svc.fetch(input, init);
  });
  vi.stubGlobal('fetch', fetchImpl);
  const api = new TabApi(
    BASE,
    { current: () => Promise.resolve('tok'), refresh: () => Promise.resolve(true) },
    () => {},
  );
  const session = {
    api,
    displayName: null,
    intent: 'both' as const,
    teams: opts.teams ?? null,
    signOut: null,
  };
  const result = render(
    <FluentProvider theme={teamsLightTheme}>
      <I18nProvider language="en">
        <SessionContext.Provider value={session}>{ui}</SessionContext.Provider>
      </I18nProvider>
    </FluentProvider>,
  );
  return { ...result, feed, calls: svc.calls };
}
