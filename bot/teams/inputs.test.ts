import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { conversationFrom, whoFrom } from './inputs';

const tenant = { id: 'tenant-1' };
const from = { id: '29:x', name: '  Ada   Lovelace ', aadObjectId: 'aad-1' };

function activity(partial: Record<string, unknown>): Partial<Activity> {
  return { type: 'message', from, ...partial };
}

describe('whoFrom', () => {
  it('names the user by tenant and aadObjectId, with a tidy name', () => {
    const a = activity({ conversation: { id: 'c' }, channelData: { tenant } });
    expect(whoFrom(a)).toEqual({ tenantId: 'tenant-1', userId: 'aad-1', name: 'Ada Lovelace' });
  });

  it('falls back to conversation.tenantId and a neutral name', () => {
    const a = activity({
      conversation: { id: 'c', tenantId: 't2' },
      from: { id: '29:y', aadObjectId: 'aad-2' },
    });
    expect(whoFrom(a)).toEqual({ tenantId: 't2', userId: 'aad-2', name: 'Teams user' });
  });

  it.each([
    ['no aadObjectId', { conversation: { id: 'c' }, channelData: { tenant }, from: { id: '29:z' } }],
    ['no tenant', { conversation: { id: 'c' } }],
    ['a non-string id', { conversation: { id: 'c' }, channelData: { tenant: { id: 5 } } }],
    [
      'an oversized id',
      { conversation: { id: 'c' }, channelData: { tenant }, from: { aadObjectId: 'x'.repeat(300) } },
    ],
  ])('is null with %s', (_label, partial) => {
    expect(whoFrom(activity(partial))).toBeNull();
  });
});

describe('conversationFrom', () => {
  const who = { tenantId: 't', userId: 'u', name: 'Ada' };

  it('binds a channel thread to its channel and names the class after team and channel', () => {
    const a = activity({
      conversation: { id: '19:ch@thread.tacv2;messageid=17', conversationType: 'channel' },
      channelData: {
        tenant,
        team: { id: 'team-1', name: 'Physics' },
        channel: { id: '19:ch@thread.tacv2', name: 'Lab' },
      },
    });
    expect(conversationFrom(a, who)).toEqual({
      ref: {
        kind: 'channel',
        conversationId: '19:ch@thread.tacv2',
        teamId: 'team-1',
        channelId: '19:ch@thread.tacv2',
      },
      suggestedName: 'Physics - Lab',
    });
  });

  it('treats a group chat with a meeting as a meeting class', () => {
    const a = activity({
      conversation: { id: '19:m@thread.v2', conversationType: 'groupChat', name: 'Lecture 4' },
      channelData: { tenant, meeting: { id: 'meet-1' } },
    });
    expect(conversationFrom(a, who)).toEqual({
      ref: { kind: 'meeting', conversationId: '19:m@thread.v2', meetingId: 'meet-1' },
      suggestedName: 'Lecture 4',
    });
  });

  it.each([
    [{ id: 'g', conversationType: 'groupChat' }, {}, 'groupChat', 'Group chat class'],
    [{ id: 'p', conversationType: 'personal' }, {}, 'personal', "Ada's class"],
    [{ id: 'x' }, { team: { id: 'tm' } }, 'channel', 'Channel class'],
    [{ id: 'y', isGroup: true }, {}, 'groupChat', 'Group chat class'],
  ])('derives kind and a fallback name from %j', (conversation, data, kind, name) => {
    const result = conversationFrom(activity({ conversation, channelData: { tenant, ...data } }), who);
    expect(result?.ref.kind).toBe(kind);
    expect(result?.suggestedName).toBe(name);
  });

  it('clips long names to the class name limit', () => {
    const a = activity({ conversation: { id: 'g', conversationType: 'groupChat', name: 'n'.repeat(500) } });
    expect(conversationFrom(a, who)?.suggestedName).toHaveLength(120);
  });

  it('is null without a usable conversation id', () => {
    expect(conversationFrom(activity({ conversation: { id: 'x'.repeat(300) } }), who)).toBeNull();
    expect(conversationFrom(activity({}), who)).toBeNull();
  });
});
