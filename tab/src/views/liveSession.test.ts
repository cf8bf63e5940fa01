import { describe, expect, it } from 'vitest';
import { TabApi } from '../api/tabApi';
import type { TeamsInfo } from '../teams/teamsHost';
import { buildClass, classesHandler, fakeService } from '../test/fakeService';
import { findLiveSession } from './liveSession';

const meeting = buildClass({
  id: 'cls_meet' as never,
  name: 'Thermodynamics',
  conversation: { kind: 'meeting', conversationId: '19:meeting_abc@thread.v2', meetingId: 'MCM1' },
});
const other = buildClass({ id: 'cls_other' as never, name: 'Optics' });

const sessions = (live: boolean) => (c: { method: string; path: string }) =>
  c.path.startsWith('/api/v1/classes/cls_meet/sessions')
    ? {
        status: 200,
        body: {
          items: [
            {
              id: 'ses_old',
              classId: 'cls_meet',
              title: 'Lecture 1',
              status: 'ended',
              createdBy: 'u',
              startedAt: '2026-01-01T10:00:00.000Z',
              endedAt: '2026-01-01T11:00:00.000Z',
            },
            ...(live
              ? [
                  {
                    id: 'ses_live',
                    classId: 'cls_meet',
                    title: 'Lecture 2',
                    status: 'live',
                    createdBy: 'u',
                    startedAt: '2026-01-08T10:00:00.000Z',
                    endedAt: null,
                  },
                ]
              : []),
          ],
          nextCursor: null,
        },
      }
    : undefined;

const api = (svc: ReturnType<typeof fakeService>) =>
  new TabApi(
    'http://stoa.test',
    { current: async () => 't', refresh: async () => false },
    () => {},
    svc.fetch,
  );

const inMeeting = {
  frameContext: 'sidePanel',
  chatId: '19:meeting_abc@thread.v2',
  meetingId: 'MCM1',
} as TeamsInfo;

describe('finding the live lecture of a meeting surface', () => {
  it('finds the class bound to the meeting chat and its live session', async () => {
    const svc = fakeService(classesHandler([other, meeting]), sessions(true));
    const found = await findLiveSession(api(svc), null, inMeeting);
    expect(found.cls?.id).toBe('cls_meet');
    expect(found.sessionId).toBe('ses_live');
  });

  it('uses the configured class when the tab names one, and says when nothing is live', async () => {
    const svc = fakeService(classesHandler([other, meeting]), sessions(false));
    const found = await findLiveSession(api(svc), 'cls_meet', null);
    expect(found).toMatchObject({ cls: { name: 'Thermodynamics' }, sessionId: null });
  });

  it('finds no class for a meeting Stoa is not set up in', async () => {
    const svc = fakeService(classesHandler([other]));
    expect(await findLiveSession(api(svc), null, inMeeting)).toEqual({ cls: null, sessionId: null });
  });
});
