import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_COMMANDS } from '../../shared/contract/botCommands';
import { buildUser } from '../../shared/server/test/testService';
import { botAdded, channelScene, groupChatScene, message, personalScene, teamsMember } from './activities';
import { cardText, cardsOf } from './connector';
import { startBotHarness, type BotHarness } from './harness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h.close();
});

/** Posts one activity and returns what the bot sent to the connector for it. */
async function turn(activity: { conversation: { id: string } }) {
  h.connector.reset();
  const res = await h.post(activity);
  expect(res.status).toBe(200);
  return h.connector.posted();
}

describe('bot messages', () => {
  it('answers "help" in a channel with an Adaptive Card 1.5 listing every command (200)', async () => {
    const user = buildUser();
    const scene = channelScene(h.connector.url, user.tenantId, { team: 'Physics 101' });
    await turn(botAdded(scene, user)); // the install creates the class and welcomes
    const sent = await turn(message(scene, user, 'help'));
    expect(sent).toHaveLength(1);
    const [card] = cardsOf(sent[0]!);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const text = cardText(card);
    for (const c of BOT_COMMANDS) {
      expect(text).toContain(c.title);
      expect(text).toContain(c.description);
    }
    // A channel reply goes to the message it answers.
    const call = h.connector.calls.at(-1)!;
    expect(call.kind).toBe('reply');
    expect(call.conversationId).toBe(scene.conversation.id);
  });

  it('strips the mention: "<at>Stoa</at> help" gets the same card (200)', async () => {
    const user = buildUser();
    const scene = channelScene(h.connector.url, user.tenantId);
    await turn(botAdded(scene, user));
    const sent = await turn(message(scene, user, 'help', { mention: true }));
    expect(sent).toHaveLength(1);
    expect(cardText(cardsOf(sent[0]!)[0])).toContain('What I can do');
  });

  it('reads commands case-insensitively, with a leading slash or trailing words (200)', async () => {
    const user = buildUser();
    const scene = personalScene(h.connector.url, user.tenantId);
    await turn(message(scene, user, 'hi'));
    for (const text of ['HELP', '  Help me please', '/help']) {
      const sent = await turn(message(scene, user, text));
      expect(sent, text).toHaveLength(1);
      expect(cardsOf(sent[0]!), text).toHaveLength(1);
    }
  });

  it('answers an unknown command with a polite hint, not a card (200)', async () => {
    const user = buildUser();
    const scene = channelScene(h.connector.url, user.tenantId);
    await turn(botAdded(scene, user));
    const sent = await turn(message(scene, user, 'dance now', { mention: true }));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toMatch(/don't know that command/i);
    expect(sent[0]!.text).toMatch(/help/);
    expect(cardsOf(sent[0]!)).toHaveLength(0);
  });

  it('answers status and end without a live session with one polite sentence each (200)', async () => {
    const user = buildUser();
    const scene = groupChatScene(h.connector.url, user.tenantId, { name: 'Study group' });
    await turn(botAdded(scene, user));
    for (const command of ['status', 'end', 'end session']) {
      const sent = await turn(message(scene, user, command, { mention: true }));
      expect(sent, command).toHaveLength(1);
      expect(String(sent[0]!.text), command).toMatch(/no live session/);
    }
  });

  it('welcomes on a meeting organizer’s first message, once, without repeating the command list (200)', async () => {
    const user = buildUser();
    const scene = groupChatScene(h.connector.url, user.tenantId, {
      name: 'Chem lab chat',
      meetingId: 'MCMchem',
    });
    h.connector.addMember(teamsMember(user));
    h.connector.setMeetingRole('MCMchem', user.userId, 'Organizer');
    const first = await turn(message(scene, user, 'help', { mention: true }));
    expect(first).toHaveLength(1);
    expect(cardText(cardsOf(first[0]!)[0])).toContain('Welcome to Stoa');
    expect(cardText(cardsOf(first[0]!)[0])).toContain('Chem lab chat');

    const second = await turn(message(scene, user, 'help', { mention: true }));
    expect(second).toHaveLength(1);
    expect(cardText(cardsOf(second[0]!)[0])).not.toContain('Welcome to Stoa');

    // The class exists in the service; the organizer facilitates it because Teams says so.
    const client = await h.service.as(user);
    const classes = await client.call('listClasses', { query: {} });
    const cls = classes.items.find((c) => c.conversation?.conversationId === scene.conversation.id);
    expect(cls).toMatchObject({
      name: 'Chem lab chat',
      myRole: 'facilitator',
      conversation: { kind: 'meeting' },
    });
  });

  it('joins a second person as a student when they first write, without a second welcome (200)', async () => {
    const owner = buildUser();
    const student = buildUser({ tenantId: owner.tenantId });
    const scene = channelScene(h.connector.url, owner.tenantId, { team: 'Algebra', channel: 'Lectures' });
    h.connector.addMember(teamsMember(student));
    await turn(botAdded(scene, owner));
    const sent = await turn(message(scene, student, 'help', { mention: true }));
    expect(sent).toHaveLength(1);
    expect(cardText(cardsOf(sent[0]!)[0])).not.toContain('Welcome');
    const classes = await (await h.service.as(student)).call('listClasses', { query: {} });
    expect(classes.items).toHaveLength(1);
    expect(classes.items[0]).toMatchObject({ name: 'Algebra - Lectures', myRole: 'student' });
  });

  it('binds a reply in a channel thread to the channel, not the thread (200)', async () => {
    const user = buildUser();
    const scene = channelScene(h.connector.url, user.tenantId);
    // Installed in another channel of the team: the installer owns this channel's class too.
    const general = {
      ...scene,
      conversation: { ...scene.conversation, id: `${scene.conversation.id}-general` },
    };
    await turn(botAdded(general, user));
    const threaded = message(scene, user, 'help', { mention: true });
    threaded.conversation.id = `${scene.conversation.id};messageid=1700000000000`;
    await turn(threaded);
    const classes = await (await h.service.as(user)).call('listClasses', { query: {} });
    const here = classes.items.filter((c) => c.conversation?.conversationId === scene.conversation.id);
    expect(here.map((c) => c.myRole)).toEqual(['owner']);
    expect(classes.items.map((c) => c.conversation?.conversationId).sort()).toEqual(
      [scene.conversation.id, general.conversation.id].sort(),
    );
  });

  it('records a meeting chat as a meeting class (200)', async () => {
    const user = buildUser();
    const scene = groupChatScene(h.connector.url, user.tenantId, {
      name: 'Lecture 3',
      meetingId: 'MCMxOTptZWV0aW5n',
    });
    h.connector.addMember(teamsMember(user));
    h.connector.setMeetingRole('MCMxOTptZWV0aW5n', user.userId, 'Presenter');
    await turn(message(scene, user, 'help', { mention: true }));
    const classes = await (await h.service.as(user)).call('listClasses', { query: {} });
    expect(classes.items[0]?.conversation).toMatchObject({ kind: 'meeting', meetingId: 'MCMxOTptZWV0aW5n' });
  });
});
