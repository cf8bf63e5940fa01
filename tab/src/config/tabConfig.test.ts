import { describe, expect, it } from 'vitest';
import { TAB_ROUTES } from '../../../shared/contract/tabRoutes';
import { matchRoute } from '../router/router';
import type { TeamsInfo } from '../teams/teamsHost';
import { buildTabConfig, conversationOf } from './tabConfig';

const info = (extra: Partial<TeamsInfo>): TeamsInfo => ({
  theme: 'default',
  locale: 'en-us',
  frameContext: 'settings',
  hostName: 'Teams',
  ...extra,
});

describe('tab configuration', () => {
  it('names the conversation as the bot does: channel id, meeting chat id, chat id', () => {
    expect(conversationOf(info({ teamId: 'g1', channelId: '19:ch@thread.tacv2' }))).toEqual({
      kind: 'channel',
      conversationId: '19:ch@thread.tacv2',
      channelId: '19:ch@thread.tacv2',
      teamId: 'g1',
    });
    expect(conversationOf(info({ meetingId: 'MCM', chatId: '19:meeting_x@thread.v2' }))).toEqual({
      kind: 'meeting',
      conversationId: '19:meeting_x@thread.v2',
      meetingId: 'MCM',
    });
    expect(conversationOf(info({ chatId: '19:chat@thread.v2' }))).toEqual({
      kind: 'groupChat',
      conversationId: '19:chat@thread.v2',
    });
    expect(conversationOf(info({}))).toBeNull();
    expect(conversationOf(null)).toBeNull();
    expect(conversationOf(info({ chatId: 'x'.repeat(1000) }))).toBeNull();
  });

  it('builds absolute URLs on the tab routes and a stable entity id per class and view', () => {
    const cls = { id: 'cls_1', name: 'Physics' };
    const plain = buildTabConfig('https://stoa.example', cls, 'class', 'Dashboard');
    expect(plain).toEqual({
      entityId: 'stoa-class-cls_1',
      contentUrl: 'https://stoa.example/tab/class?classId=cls_1',
      websiteUrl: 'https://stoa.example/tab/class?classId=cls_1',
      suggestedDisplayName: 'Physics',
    });
    const dash = buildTabConfig('https://stoa.example', cls, 'dashboard', 'Dashboard');
    expect(dash.contentUrl).toBe('https://stoa.example/tab/class?classId=cls_1&view=dashboard');
    expect(dash.suggestedDisplayName).toBe('Physics · Dashboard');
    expect(matchRoute(new URL(dash.contentUrl).pathname)).toBe('channel');
    expect(new URL(dash.contentUrl).pathname).toBe(TAB_ROUTES.channel);
  });
});
