import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../shared/server/test/testService';
import {
  BOT,
  account,
  botAdded,
  channelScene,
  groupChatScene,
  installationAdd,
  message,
  personalScene,
} from './activities';
import { cardText, cardsOf } from './connector';
import { startBotHarness, type BotHarness } from './harness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h.close();
});

const welcomes = (conversationId: string) =>
  h.connector
    .posted(conversationId)
    .filter((a) => cardsOf(a).some((c) => cardText(c).includes('Welcome to Stoa')));

describe('bot install', () => {
  it('creates the class for a team channel on install and welcomes once, across both install events (200)', async () => {
    const installer = buildUser();
    const scene = channelScene(h.connector.url, installer.tenantId, {
      team: 'Physics 101',
      channel: 'General',
    });
    expect((await h.post(botAdded(scene, installer))).status).toBe(200);
    expect((await h.post(installationAdd(scene, installer))).status).toBe(200);
    // A later message does not welcome again either.
    expect((await h.post(message(scene, installer, 'help', { mention: true }))).status).toBe(200);

    expect(welcomes(scene.conversation.id)).toHaveLength(1);
    const [welcome] = welcomes(scene.conversation.id);
    expect(cardsOf(welcome!)[0]).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(cardText(cardsOf(welcome!)[0])).toContain('Physics 101 - General');

    const client = await h.service.as(installer);
    const { items } = await client.call('listClasses', { query: {} });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      name: 'Physics 101 - General',
      myRole: 'owner',
      tenantId: installer.tenantId,
      conversation: {
        kind: 'channel',
        conversationId: scene.conversation.id,
        teamId: (scene.channelData.team as { id: string }).id,
        channelId: (scene.channelData.channel as { id: string }).id,
      },
    });
    // Anonymous mode: the bot calls the connector without a token.
    expect(h.connector.calls.every((c) => c.authorization === '')).toBe(true);
  });

  it('welcomes once when two installs of one chat arrive at the same time (200)', async () => {
    const installer = buildUser();
    const scene = groupChatScene(h.connector.url, installer.tenantId, { name: 'Seminar chat' });
    const results = await Promise.all([
      h.post(botAdded(scene, installer)),
      h.post(installationAdd(scene, installer)),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(welcomes(scene.conversation.id)).toHaveLength(1);
  });

  it('installs in a personal chat through installationUpdate alone (200)', async () => {
    const user = buildUser({ name: 'Ada Lovelace' });
    const scene = personalScene(h.connector.url, user.tenantId);
    expect((await h.post(installationAdd(scene, user))).status).toBe(200);
    expect(welcomes(scene.conversation.id)).toHaveLength(1);
    const { items } = await (await h.service.as(user)).call('listClasses', { query: {} });
    expect(items[0]).toMatchObject({ name: "Ada Lovelace's class", conversation: { kind: 'personal' } });
  });

  it('ignores members other than the bot being added, after TeamsInfo looks them up (200)', async () => {
    const owner = buildUser();
    const newcomer = buildUser({ tenantId: owner.tenantId });
    const scene = channelScene(h.connector.url, owner.tenantId, { team: 'Optics' });
    await h.post(botAdded(scene, owner));
    h.connector.addMember({ ...account(newcomer), userPrincipalName: 'newcomer@example.edu' });
    h.connector.reset();
    const added = { ...botAdded(scene, owner), membersAdded: [account(newcomer)] };
    expect((await h.post(added)).status).toBe(200);
    expect(h.connector.posted()).toHaveLength(0);
    expect(
      h.connector.lookups.some((p) => p.endsWith(`/members/${encodeURIComponent(account(newcomer).id)}`)),
    ).toBe(true);
  });

  it('does not act on an install that names no Teams user, and logs it (200)', async () => {
    const user = buildUser();
    const scene = groupChatScene(h.connector.url, user.tenantId);
    const activity = botAdded(scene, user);
    const anonymous = { ...activity, from: { id: '29:someone' }, membersAdded: [{ ...BOT }] };
    expect((await h.post(anonymous)).status).toBe(200);
    expect(h.connector.posted(scene.conversation.id)).toHaveLength(0);
    expect(h.logs.some((l) => l.conversationId === scene.conversation.id && l.level === 40)).toBe(true);
  });
});
