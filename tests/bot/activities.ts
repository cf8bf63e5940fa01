import { randomBytes } from 'node:crypto';
import type { TestUser } from '../../shared/server/test/testService';

/** The bot as Teams addresses it: `28:` + its app id. */
export const BOT = { id: '28:stoa-test-bot', name: 'Stoa' } as const;

/** Where activities happen: one Teams conversation, with the channelData Teams sends for it. */
export interface Scene {
  serviceUrl: string;
  tenantId: string;
  conversation: {
    id: string;
    conversationType: 'channel' | 'groupChat' | 'personal';
    name?: string;
    isGroup?: boolean;
  };
  channelData: Record<string, unknown>;
}

const hex = () => randomBytes(5).toString('hex');

/** A team channel (`19:...@thread.tacv2`) in the tenant. */
export function channelScene(
  serviceUrl: string,
  tenantId: string,
  names: { team?: string; channel?: string } = {},
): Scene {
  const teamId = `19:team-${hex()}@thread.tacv2`;
  const channelId = `19:channel-${hex()}@thread.tacv2`;
  return {
    serviceUrl,
    tenantId,
    conversation: { id: channelId, conversationType: 'channel', isGroup: true },
    channelData: {
      tenant: { id: tenantId },
      team: { id: teamId, ...(names.team ? { name: names.team } : {}) },
      channel: { id: channelId, ...(names.channel ? { name: names.channel } : {}) },
    },
  };
}

/** A group chat, or a meeting chat when a meeting id is given. */
export function groupChatScene(
  serviceUrl: string,
  tenantId: string,
  opts: { name?: string; meetingId?: string } = {},
): Scene {
  return {
    serviceUrl,
    tenantId,
    conversation: {
      id: `19:chat-${hex()}@thread.v2`,
      conversationType: 'groupChat',
      isGroup: true,
      ...(opts.name ? { name: opts.name } : {}),
    },
    channelData: { tenant: { id: tenantId }, ...(opts.meetingId ? { meeting: { id: opts.meetingId } } : {}) },
  };
}

/** A 1:1 chat between the bot and one person. */
export function personalScene(serviceUrl: string, tenantId: string): Scene {
  return {
    serviceUrl,
    tenantId,
    conversation: { id: `a:personal-${hex()}`, conversationType: 'personal' },
    channelData: { tenant: { id: tenantId } },
  };
}

/** How Teams names a user in `from` and `membersAdded`. */
export function account(user: TestUser) {
  return { id: `29:${user.userId}`, name: user.name, aadObjectId: user.userId };
}

function base(scene: Scene, type: string) {
  return {
    type,
    id: `act-${hex()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: scene.serviceUrl,
    conversation: { ...scene.conversation, tenantId: scene.tenantId },
    recipient: { ...BOT },
    channelData: scene.channelData,
    locale: 'en-US',
  };
}

/** A message from `user`; with `mention`, written the way a channel delivers `@Stoa text`. */
export function message(scene: Scene, user: TestUser, text: string, opts: { mention?: boolean } = {}) {
  const at = `<at>${BOT.name}</at>`;
  return {
    ...base(scene, 'message'),
    from: account(user),
    text: opts.mention ? `${at} ${text}` : text,
    textFormat: 'plain',
    ...(opts.mention ? { entities: [{ type: 'mention', text: at, mentioned: { ...BOT } }] } : {}),
  };
}

/** The conversationUpdate Teams sends when `installer` adds the bot. */
export function botAdded(scene: Scene, installer: TestUser) {
  return {
    ...base(scene, 'conversationUpdate'),
    from: account(installer),
    membersAdded: [{ ...BOT }],
    channelData: { ...scene.channelData, eventType: 'teamMemberAdded' },
  };
}

/** The installationUpdate (action `add`) Teams sends for the same install. */
export function installationAdd(scene: Scene, installer: TestUser) {
  return { ...base(scene, 'installationUpdate'), from: account(installer), action: 'add' };
}

/** A user as Teams lists them among a conversation's members (pagedmembers, member lookups). */
export function teamsMember(user: TestUser) {
  return { id: `29:${user.userId}`, name: user.name, aadObjectId: user.userId, tenantId: user.tenantId };
}

/**
 * The `adaptiveCard/action` invoke Teams sends for an `Action.Execute` (a button, or the automatic
 * `refresh`): the action's data with the card's input values merged in, and the id of the card's message.
 */
export function cardAction(
  scene: Scene,
  user: TestUser,
  verb: string,
  data: Record<string, unknown>,
  opts: { replyToId?: string; trigger?: 'manual' | 'automatic' } = {},
) {
  return {
    ...base(scene, 'invoke'),
    name: 'adaptiveCard/action',
    from: account(user),
    ...(opts.replyToId ? { replyToId: opts.replyToId } : {}),
    value: { action: { type: 'Action.Execute', verb, data }, trigger: opts.trigger ?? 'manual' },
  };
}

/**
 * The event Teams sends when a meeting of the chat starts or ends (`application/vnd.microsoft.meetingStart`
 * / `meetingEnd`): `from` carries the ids but no display name.
 */
export function meetingEvent(scene: Scene, user: TestUser, which: 'Start' | 'End', value: unknown) {
  const { name: _name, ...from } = account(user);
  return { ...base(scene, 'event'), name: `application/vnd.microsoft.meeting${which}`, from, value };
}

/** A meeting's details as Teams sends them with its start or end event. */
export function meetingDetails(title: string, which: 'Start' | 'End') {
  return {
    Id: Buffer.from(`meeting-${hex()}`).toString('base64'),
    JoinUrl: 'https://teams.microsoft.com/l/meetup-join/example',
    Title: title,
    MeetingType: 'Scheduled',
    [`${which}Time`]: new Date().toISOString(),
  };
}
