import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoaClient } from '../../shared/client/client';
import { createSigningKey, type SigningKey } from '../../shared/server/auth/devKeys';
import { ENTRA_APP, signEntraToken, startJwksServer, type JwksServer } from '../../shared/server/test/entra';
import { expectApiError } from '../../shared/server/test/factories';
import { buildUser, type TestUser } from '../../shared/server/test/testService';
import type { ConversationRef } from '../../shared/contract/classes';
import { botAdded, channelScene, groupChatScene, teamsMember, type Scene } from './activities';
import { startBotHarness, type BotHarness } from './harness';

/**
 * The tab inside Teams signs in with SSO (Entra tokens, here from locally issued keys) and asks for its
 * conversation's class. The service asks the bot, the bot asks the connector, and the service decides:
 * a member of the conversation is in as a student without any code; someone Teams does not list is refused.
 */
let h: BotHarness;
let jwks: JwksServer;
let key: SigningKey;

beforeAll(async () => {
  const made = await createSigningKey('sso-membership');
  key = made.key;
  jwks = await startJwksServer([key.publicJwk]);
  h = await startBotHarness({
    notify: true,
    serviceEnv: {
      AUTH_MODE: 'entra',
      ENTRA_JWKS_URL: jwks.url,
      AAD_APP_CLIENT_ID: ENTRA_APP.clientId,
      AAD_APP_ID_URI: ENTRA_APP.appIdUri,
    },
  });
});
afterAll(async () => {
  await h.close();
  await jwks.close();
});

/** The tab's client in Teams: every call carries the SSO token of `user`. */
async function tab(user: TestUser) {
  const token = await signEntraToken(key, { tenantId: user.tenantId, userId: user.userId });
  return new StoaClient({ baseUrl: h.service.url, getToken: () => token });
}

function refOf(scene: Scene): ConversationRef {
  const team = scene.channelData.team as { id: string } | undefined;
  const meeting = scene.channelData.meeting as { id: string } | undefined;
  if (meeting) return { kind: 'meeting', conversationId: scene.conversation.id, meetingId: meeting.id };
  if (team)
    return {
      kind: 'channel',
      conversationId: scene.conversation.id,
      channelId: scene.conversation.id,
      teamId: team.id,
    };
  return { kind: 'groupChat', conversationId: scene.conversation.id };
}

describe('the tab in Teams (SSO): membership from Teams', () => {
  it('a member of the channel opens the tab and is in as a student, with no code; a non-member is refused (200, 403)', async () => {
    const installer = buildUser({ tenantId: ENTRA_APP.tenant, name: 'Lecturer' });
    const member = buildUser({ tenantId: ENTRA_APP.tenant, name: 'Member' });
    const stranger = buildUser({ tenantId: ENTRA_APP.tenant, name: 'Stranger' });
    const scene = channelScene(h.connector.url, installer.tenantId, { team: 'Optics', channel: 'General' });
    const teamId = (scene.channelData.team as { id: string }).id;
    h.connector.setMembers([teamId, scene.conversation.id], [installer, member].map(teamsMember));
    expect((await h.post(botAdded(scene, installer))).status).toBe(200);

    const asMember = await tab(member);
    const joined = await asMember.call('ensureClass', {
      body: { name: 'Optics', conversation: refOf(scene) },
    });
    expect(joined).toMatchObject({
      created: false,
      joined: true,
      class: { myRole: 'student', joinCode: null },
    });
    expect((await asMember.call('getClass', { params: { classId: joined.class.id } })).myRole).toBe(
      'student',
    );
    expect(h.connector.lookups).toContain(
      `/v3/conversations/${encodeURIComponent(teamId)}/members/${member.userId}`,
    );

    const asStranger = await tab(stranger);
    await expectApiError(
      asStranger.call('ensureClass', { body: { name: 'Optics', conversation: refOf(scene) } }),
      403,
      'not_a_member',
    );
    await expectApiError(
      asStranger.call('getClass', { params: { classId: joined.class.id } }),
      404,
      'not_found',
    );
  });

  it('the configuration page: the team installer sets up a new channel’s class and owns it; a member cannot set one up (200, 403)', async () => {
    const installer = buildUser({ tenantId: ENTRA_APP.tenant });
    const member = buildUser({ tenantId: ENTRA_APP.tenant });
    const general = channelScene(h.connector.url, installer.tenantId, { team: 'Maths', channel: 'General' });
    const teamId = (general.channelData.team as { id: string }).id;
    const lab = channelScene(h.connector.url, installer.tenantId, { team: 'Maths', channel: 'Lab' });
    lab.channelData.team = { id: teamId };
    h.connector.setMembers([teamId], [installer, member].map(teamsMember));
    expect((await h.post(botAdded(general, installer))).status).toBe(200);

    await expectApiError(
      (await tab(member)).call('ensureClass', { body: { name: 'Lab', conversation: refOf(lab) } }),
      403,
      'class_not_set_up',
    );
    const made = await (
      await tab(installer)
    ).call('ensureClass', { body: { name: 'Lab', conversation: refOf(lab) } });
    expect(made).toMatchObject({ created: true, class: { myRole: 'owner', name: 'Lab' } });
    const after = await (
      await tab(member)
    ).call('ensureClass', { body: { name: 'Lab', conversation: refOf(lab) } });
    expect(after.class.myRole).toBe('student');
  });

  it('a meeting presenter is a facilitator in the tab; a guest is kept out when the class says so (200, 403)', async () => {
    const installer = buildUser({ tenantId: ENTRA_APP.tenant });
    const presenter = buildUser({ tenantId: ENTRA_APP.tenant });
    const guest = buildUser({ tenantId: ENTRA_APP.tenant });
    const meetingId = `MCM-sso-${Date.now()}`;
    const scene = groupChatScene(h.connector.url, installer.tenantId, { name: 'Lecture', meetingId });
    h.connector.setMembers(
      [scene.conversation.id],
      [...[installer, presenter].map(teamsMember), { ...teamsMember(guest), userRole: 'guest' }],
    );
    h.connector.setMeetingRole(meetingId, presenter.userId, 'Presenter');
    expect((await h.post(botAdded(scene, installer))).status).toBe(200);
    const { class: cls } = await (
      await tab(presenter)
    ).call('ensureClass', { body: { name: 'x', conversation: refOf(scene) } });
    expect(cls.myRole).toBe('facilitator');
    await (
      await tab(presenter)
    ).call('updateClass', { params: { classId: cls.id }, body: { settings: { guestsJoin: false } } });
    await expectApiError(
      (await tab(guest)).call('ensureClass', { body: { name: 'x', conversation: refOf(scene) } }),
      403,
      'guests_not_allowed',
    );
  });
});
