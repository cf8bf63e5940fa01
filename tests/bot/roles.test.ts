import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type TestUser } from '../../shared/server/test/testService';
import { botAdded, channelScene, groupChatScene, message, teamsMember, type Scene } from './activities';
import { cardsOf } from './connector';
import { startBotHarness, type BotHarness } from './harness';

/**
 * Roles come from Teams in every kind of conversation: a student who writes first never owns or
 * facilitates; the installer, the meeting organizer and presenters start rounds; attendees cannot; and a
 * role change Teams reports takes effect. The bot runs over HTTP against the local connector, which
 * answers the member and meeting-participant lookups.
 */
let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(() => h.close());

let checks = 0;

async function say(scene: Scene, user: TestUser, text: string) {
  const from = h.connector.calls.length;
  expect((await h.post(message(scene, user, text, { mention: true }))).status).toBe(200);
  return h.connector.calls.slice(from);
}

const texts = (calls: Awaited<ReturnType<typeof say>>) =>
  calls.map((c) => c.body.text).filter((t): t is string => typeof t === 'string');

/** Whether `user` can start a round here: a round card is posted (and the round is ended again). */
async function startsRound(scene: Scene, user: TestUser): Promise<boolean> {
  const calls = await say(scene, user, 'muddy');
  const posted = calls.some((c) => cardsOf(c.body).some((k) => 'refresh' in k));
  if (posted) await say(scene, user, 'end');
  checks += 1;
  return posted;
}

async function roleIn(user: TestUser, conversationId: string) {
  const { items } = await (await h.service.as(user)).call('listClasses', { query: {} });
  return items.find((c) => c.conversation?.conversationId === conversationId)?.myRole ?? null;
}

/** The student writes first and is told politely that nothing is set up; nothing is made for them. */
async function studentFirst(scene: Scene, student: TestUser) {
  for (const text of ['help', 'pi Is this mine? | yes | no', 'muddy']) {
    const said = texts(await say(scene, student, text));
    expect(said, text).toEqual([expect.stringMatching(/isn't set up in this conversation yet/)]);
    checks += 1;
  }
  expect(await roleIn(student, scene.conversation.id)).toBeNull();
}

describe('roles from Teams, driven like Teams over HTTP', () => {
  it('channel: a student in another channel of the team writes first; the installer still owns it and starts rounds (200)', async () => {
    const installer = buildUser({ name: 'Lecturer' });
    const student = buildUser({ tenantId: installer.tenantId, name: 'Early Student' });
    const general = channelScene(h.connector.url, installer.tenantId, {
      team: 'Physics',
      channel: 'General',
    });
    const teamId = (general.channelData.team as { id: string }).id;
    const lab = channelScene(h.connector.url, installer.tenantId, { team: 'Physics', channel: 'Lab' });
    lab.channelData.team = { ...(lab.channelData.team as object), id: teamId };
    h.connector.setMembers([teamId], [installer, student].map(teamsMember));
    expect((await h.post(botAdded(general, installer))).status).toBe(200);

    await studentFirst(lab, student);
    expect(await startsRound(lab, installer)).toBe(true);
    expect(await roleIn(installer, lab.conversation.id)).toBe('owner');
    expect(await startsRound(lab, student)).toBe(false);
    expect(await roleIn(student, lab.conversation.id)).toBe('student');
    // Someone Teams does not list in the team gets nothing, not even a student seat.
    const outsider = buildUser({ tenantId: installer.tenantId });
    expect(texts(await say(lab, outsider, 'help'))).toEqual([
      expect.stringMatching(/isn't set up|not in this class|don't seem/i),
    ]);
    expect(await roleIn(outsider, lab.conversation.id)).toBeNull();
    checks += 4;
  });

  it('group chat: the installer owns, whoever wrote first; the others are students (200)', async () => {
    const installer = buildUser({ name: 'Group Leader' });
    const student = buildUser({ tenantId: installer.tenantId });
    const chat = groupChatScene(h.connector.url, installer.tenantId, { name: 'Seminar' });
    h.connector.setMembers([chat.conversation.id], [installer, student].map(teamsMember));
    await studentFirst(chat, student);
    expect((await h.post(botAdded(chat, installer))).status).toBe(200);
    expect(await startsRound(chat, student)).toBe(false);
    expect(await startsRound(chat, installer)).toBe(true);
    expect(await roleIn(student, chat.conversation.id)).toBe('student');
    expect(await roleIn(installer, chat.conversation.id)).toBe('owner');
    checks += 2;
  });

  it('meeting chat: organizer and presenters start rounds, attendees cannot whoever wrote first, and a role change in Teams takes effect (200)', async () => {
    const meetingId = `MCM-roles-${Date.now()}`;
    const organizer = buildUser({ name: 'Organizer' });
    const presenter = buildUser({ tenantId: organizer.tenantId, name: 'Presenter' });
    const attendee = buildUser({ tenantId: organizer.tenantId, name: 'Attendee' });
    const scene = groupChatScene(h.connector.url, organizer.tenantId, { name: 'Lecture 4', meetingId });
    h.connector.setMembers([scene.conversation.id], [organizer, presenter, attendee].map(teamsMember));
    for (const u of [organizer, presenter, attendee]) h.connector.addMember(teamsMember(u));
    h.connector.setMeetingRole(meetingId, organizer.userId, 'Organizer');
    h.connector.setMeetingRole(meetingId, presenter.userId, 'Presenter');
    h.connector.setMeetingRole(meetingId, attendee.userId, 'Attendee');

    await studentFirst(scene, attendee);
    expect(await startsRound(scene, organizer)).toBe(true);
    expect(await startsRound(scene, presenter)).toBe(true);
    expect(await startsRound(scene, attendee)).toBe(false);
    expect(await roleIn(attendee, scene.conversation.id)).toBe('student');
    expect(
      h.connector.lookups.some((p) =>
        p.startsWith(`/v1/meetings/${encodeURIComponent(meetingId)}/participants/`),
      ),
    ).toBe(true);

    // Teams makes the presenter an attendee and the attendee a presenter, and reports it.
    h.connector.setMeetingRole(meetingId, presenter.userId, 'Attendee');
    h.connector.setMeetingRole(meetingId, attendee.userId, 'Presenter');
    const event = {
      ...message(scene, organizer, ''),
      type: 'event',
      name: 'application/vnd.microsoft.meetingParticipantJoin',
      value: {
        members: [presenter, attendee].map((u) => ({
          user: { ...teamsMember(u), aadObjectId: u.userId },
          meeting: { inMeeting: true, role: u === presenter ? 'Attendee' : 'Presenter' },
        })),
      },
    };
    expect((await h.post(event)).status).toBe(200);
    expect(await roleIn(presenter, scene.conversation.id)).toBe('student');
    expect(await roleIn(attendee, scene.conversation.id)).toBe('facilitator');
    expect(await startsRound(scene, presenter)).toBe(false);
    expect(await startsRound(scene, attendee)).toBe(true);
    checks += 4;
  });

  it('reports the number of role checks it made', () => {
    console.log(`[roles] ${checks} role checks over channel, group chat and meeting chat`);
    expect(checks).toBeGreaterThan(20);
  });
});
