import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassEnsure } from '../../../contract/classes';
import { ClassEnsureResultSchema } from '../../../contract/classes';
import type { TeamsStanding } from '../../../contract/teams';
import { storageBackends } from '../../test/backends';
import {
  actor,
  botActingFor,
  botInConversation,
  buildConversation,
  expectApiError,
  garbageClient,
  wrong,
} from '../../test/factories';
import { buildUser, startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();

const member: TeamsStanding = { member: true, userType: 'user' };

describe.each(backends)('ensureClass on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  const ensure = (conversation = buildConversation()): ClassEnsure => ({ name: 'Chem 1', conversation });

  it('POST /classes/ensure 200 the installer (per the bot) creates the class and owns it', async () => {
    const installer = buildUser();
    const conversation = buildConversation();
    const r = ClassEnsureResultSchema.parse(
      await (await botInConversation(t, installer, conversation)).ensure('Chem 1'),
    );
    expect(r).toMatchObject({ created: true, joined: true });
    expect(r.class).toMatchObject({ myRole: 'owner', name: 'Chem 1', conversation });
    expect(r.class.joinCode).not.toBeNull();
  });

  it('POST /classes/ensure 403 class_not_set_up for a student writing first, in every conversation kind', async () => {
    for (const kind of ['channel', 'groupChat', 'meeting'] as const) {
      const conversation = buildConversation({
        kind,
        ...(kind === 'channel' ? { teamId: `team-${kind}` } : {}),
      });
      const student = buildUser();
      const { ensure: asStudent } = await botInConversation(t, student, conversation, member);
      await expectApiError(asStudent(), 403, 'class_not_set_up');
      const attendee = { ...member, meetingRole: 'Attendee' as const };
      await expectApiError(asStudent('x', attendee), 403, 'class_not_set_up');
      // Nothing was created for them: the installer later makes it and owns it, the student is a student.
      const installer = buildUser({ tenantId: student.tenantId });
      const made = await (await botInConversation(t, installer, conversation)).ensure();
      expect(made).toMatchObject({ created: true, class: { myRole: 'owner' } });
      const after = await asStudent();
      expect(after).toMatchObject({ created: false, joined: true, class: { myRole: 'student' } });
    }
  });

  it('POST /classes/ensure 200 meeting organizers and presenters create and facilitate; a demoted presenter becomes a student', async () => {
    const conversation = buildConversation({ kind: 'meeting', meetingId: 'meeting-1' });
    const organizer = await botInConversation(t, buildUser(), conversation, {
      ...member,
      meetingRole: 'Organizer',
    });
    const created = await organizer.ensure();
    expect(created).toMatchObject({ created: true, class: { myRole: 'facilitator' } });
    const presenterUser = buildUser();
    const presenter = await botInConversation(t, presenterUser, conversation, {
      ...member,
      meetingRole: 'Presenter',
    });
    expect((await presenter.ensure()).class.myRole).toBe('facilitator');
    const demoted = await presenter.ensure('x', { ...member, meetingRole: 'Attendee' });
    expect(demoted.class.myRole).toBe('student');
    const { items } = await organizer.bot.call('listMembers', {
      params: { classId: created.class.id },
      query: {},
    });
    expect(items.find((m) => m.userId === presenterUser.userId)).toMatchObject({
      role: 'student',
      source: 'teams',
      teamsBasis: 'attendee',
    });
    expect((await presenter.ensure('x', { ...member, meetingRole: 'Presenter' })).class.myRole).toBe(
      'facilitator',
    );
  });

  it('POST /classes/ensure 200 the team installer owns every channel of the team; a Graph team owner facilitates', async () => {
    const teamId = `19:team-${Date.now()}@thread.tacv2`;
    const general = buildConversation({ kind: 'channel', teamId, channelId: 'general' });
    const lab = buildConversation({ kind: 'channel', teamId, channelId: 'lab' });
    const installer = buildUser();
    await (await botInConversation(t, installer, general)).ensure('General');
    const student = buildUser({ tenantId: installer.tenantId });
    await expectApiError(
      (await botInConversation(t, student, lab, member)).ensure(),
      403,
      'class_not_set_up',
    );
    const ownerUser = buildUser({ tenantId: installer.tenantId });
    const teamOwner = await botInConversation(t, ownerUser, lab, { ...member, teamOwner: true });
    const made = await teamOwner.ensure('Lab');
    expect(made).toMatchObject({ created: true, class: { myRole: 'facilitator' } });
    const { items } = await teamOwner.bot.call('listMembers', {
      params: { classId: made.class.id },
      query: {},
    });
    expect(items.map((m) => [m.userId, m.role, m.teamsBasis])).toEqual(
      expect.arrayContaining([
        [installer.userId, 'owner', 'installer'],
        [ownerUser.userId, 'facilitator', 'team_owner'],
      ]),
    );
    // The installer writing in yet another channel creates it and owns it.
    const third = buildConversation({ kind: 'channel', teamId, channelId: 'third' });
    const byInstaller = await (await botInConversation(t, installer, third, member)).ensure('Third');
    expect(byInstaller).toMatchObject({ created: true, class: { myRole: 'owner' } });
  });

  it('POST /classes/ensure 200 a role a person granted is not lowered by Teams, and Teams never demotes an owner', async () => {
    const conversation = buildConversation({ kind: 'meeting', meetingId: 'm-granted' });
    const installer = await botInConversation(t, buildUser(), conversation);
    const { class: cls } = await installer.ensure();
    const taUser = buildUser();
    const ta = await botInConversation(t, taUser, conversation, { ...member, meetingRole: 'Attendee' });
    await ta.ensure();
    await installer.bot.call('setMemberRole', {
      params: { classId: cls.id, userId: taUser.userId },
      body: { role: 'facilitator' },
    });
    expect((await ta.ensure()).class.myRole).toBe('facilitator');
    expect((await installer.ensure('x', { ...member, meetingRole: 'Attendee' })).class.myRole).toBe('owner');
  });

  it('POST /classes/ensure 403 guests_not_allowed for anonymous attendees by default, and for guests when the class says so', async () => {
    const conversation = buildConversation({ kind: 'meeting', meetingId: 'm-guests' });
    const installer = await botInConversation(t, buildUser(), conversation);
    const { class: cls } = await installer.ensure();
    const anon = await botInConversation(t, buildUser(), conversation, { ...member, userType: 'anonymous' });
    await expectApiError(anon.ensure(), 403, 'guests_not_allowed');
    const guest = await botInConversation(t, buildUser(), conversation, { ...member, userType: 'guest' });
    expect((await guest.ensure()).class.myRole).toBe('student');
    await installer.bot.call('updateClass', {
      params: { classId: cls.id },
      body: { settings: { guestsJoin: false, anonymousJoin: true } },
    });
    const guest2 = await botInConversation(t, buildUser(), conversation, { ...member, userType: 'guest' });
    await expectApiError(guest2.ensure(), 403, 'guests_not_allowed');
    expect((await anon.ensure()).class.myRole).toBe('student');
  });

  it('POST /classes/ensure 200 the bot without details vouches membership only: a student in an existing class', async () => {
    const conversation = buildConversation();
    const owner = await botInConversation(t, buildUser(), conversation);
    const created = await owner.ensure();
    const bot = await botActingFor(t, buildUser(), undefined, conversation.conversationId);
    const joined = await bot.call('ensureClass', { body: ensure(conversation) });
    expect(joined).toMatchObject({
      created: false,
      joined: true,
      class: { id: created.class.id, myRole: 'student', joinCode: null },
    });
    const again = await bot.call('ensureClass', { body: ensure(conversation) });
    expect(again).toMatchObject({ created: false, joined: false });
  });

  it('POST /classes/ensure 403 not_a_member for the bot acting in another conversation, and for own tokens with no bot to ask', async () => {
    const conversation = buildConversation();
    await (await botInConversation(t, buildUser(), conversation)).ensure();
    const elsewhere = await botActingFor(t, buildUser(), undefined, 'another-conversation');
    // Even claiming to be the installer: the bot's word counts only where it acts.
    await expectApiError(
      elsewhere.call('ensureClass', {
        body: { ...ensure(conversation), teams: { member: true, userType: 'user', installer: true } },
      }),
      403,
      'not_a_member',
    );
    const stranger = await actor(t);
    const err = await expectApiError(
      stranger.client.call('ensureClass', { body: ensure(conversation) }),
      403,
      'not_a_member',
    );
    expect(err.details).toBeUndefined();
    await expectApiError(stranger.client.call('ensureClass', { body: ensure() }), 403, 'class_not_set_up');
    expect(await stranger.client.call('listClasses', {})).toMatchObject({ items: [] });
  });

  it('POST /classes/ensure 200 a member acting alone gets the existing class unchanged', async () => {
    const conversation = buildConversation();
    const ownerActor = await actor(t);
    const created = await (await botInConversation(t, ownerActor.user, conversation)).ensure('Chem 1');
    const again = await ownerActor.client.call('ensureClass', {
      body: { ...ensure(conversation), name: 'Renamed?' },
    });
    expect(again).toMatchObject({ created: false, joined: false });
    expect(again.class).toMatchObject({ id: created.class.id, name: 'Chem 1', myRole: 'owner' });
  });

  it('POST /classes/ensure 200 concurrent ensures of one conversation yield one class, and only facilitators own nothing extra', async () => {
    const conversation = buildConversation({ kind: 'meeting', meetingId: 'm-race' });
    const users = Array.from({ length: 8 }, () => buildUser());
    const results = await Promise.all(
      users.map(async (u) =>
        (await botInConversation(t, u, conversation, { ...member, meetingRole: 'Presenter' })).ensure(),
      ),
    );
    expect(new Set(results.map((r) => r.class.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results.every((r) => r.joined && r.class.myRole === 'facilitator')).toBe(true);
  });

  it('POST /classes/ensure 200 another tenant with the same conversation id gets its own class', async () => {
    const conversation = buildConversation();
    const a = await (await botInConversation(t, buildUser(), conversation)).ensure();
    const b = await (await botInConversation(t, buildUser({ tenantId: 'tenant-b' }), conversation)).ensure();
    expect(b.created).toBe(true);
    expect(b.class.id).not.toBe(a.class.id);
    expect(b.class.tenantId).toBe('tenant-b');
  });

  it('POST /classes/ensure 400 validation_failed on wrong types, unknown fields and missing fields', async () => {
    const user = await actor(t);
    const conversation = buildConversation();
    const bad: unknown[] = [
      { name: 'x' },
      { conversation },
      { name: 'x', conversation: { ...conversation, kind: 'email' } },
      { name: 'x', conversation: { kind: 'channel' } },
      { name: 'x', conversation: { ...conversation, conversationId: 'c'.repeat(257) } },
      { name: 'x', conversation, settings: {} },
      { name: ['x'], conversation },
      { name: 'x', conversation, teams: { member: 'yes' } },
      { name: 'x', conversation, teams: { member: true, meetingRole: 'Boss' } },
    ];
    for (const body of bad) {
      await expectApiError(user.client.call('ensureClass', { body: wrong(body) }), 400, 'validation_failed');
    }
  });

  it('POST /classes/ensure 401 unauthenticated without a token', async () => {
    await expectApiError(t.anonymous().call('ensureClass', { body: ensure() }), 401, 'unauthenticated');
  });

  it('POST /classes/ensure 401 invalid_token with a garbage token', async () => {
    await expectApiError(garbageClient(t).call('ensureClass', { body: ensure() }), 401, 'invalid_token');
  });

  it('POST /classes/ensure 401 invalid_token for a bot token signed with another secret', async () => {
    const forged = await botActingFor(t, buildUser(), 'x'.repeat(40));
    await expectApiError(forged.call('ensureClass', { body: ensure() }), 401, 'invalid_token');
  });
});
