import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_BOT_SECRET } from '../../contract/auth';
import { storageBackends } from '../test/backends';
import { botActingFor, buildConversation, expectApiError } from '../test/factories';
import { buildUser, startTestService, type TestService } from '../test/testService';

const backends = await storageBackends();

/**
 * The bot vouches for the people it sees in a class's own conversation: acting for them there, it needs no
 * separate join before their first action. Anywhere else, and for people's own tokens, nothing changes.
 */
describe.each(backends)('first actions through the bot on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  async function world() {
    const teacher = buildUser();
    const conversation = buildConversation();
    const bot = await botActingFor(t, teacher, DEV_BOT_SECRET, conversation.conversationId);
    const { class: cls } = await bot.call('ensureClass', {
      body: { name: 'Optics', conversation, teams: { member: true, userType: 'user', installer: true } },
    });
    const session = await bot.call('createSession', { params: { classId: cls.id }, body: { title: 'L1' } });
    const round = await bot.call('startRound', {
      params: { sessionId: session.id },
      body: { round: { kind: 'muddiest_point', prompt: 'What was unclear?' } },
    });
    const student = buildUser({ tenantId: teacher.tenantId, name: 'New Student' });
    return { teacher, conversation, cls, session, round, student, bot };
  }

  it('lets a person the bot saw in the class conversation act at once, as a student', async () => {
    const w = await world();
    const asStudent = await botActingFor(t, w.student, DEV_BOT_SECRET, w.conversation.conversationId);
    const { view } = await asStudent.call('sendRoundEvent', {
      params: { roundId: w.round.roundId },
      body: { event: { type: 'submitMuddy', text: 'Snell’s law' } },
    });
    expect(view.roundId).toBe(w.round.roundId);
    const { items } = await w.bot.call('listMembers', { params: { classId: w.cls.id }, query: {} });
    expect(items.find((m) => m.userId === w.student.userId)).toMatchObject({
      role: 'student',
      name: 'New Student',
    });
  });

  it('joins nobody from another conversation, without one, or with their own token (404)', async () => {
    const w = await world();
    const elsewhere = await botActingFor(t, w.student, DEV_BOT_SECRET, buildConversation().conversationId);
    const nowhere = await botActingFor(t, w.student);
    const own = await t.as(w.student);
    for (const client of [elsewhere, nowhere, own]) {
      await expectApiError(
        client.call('getRound', { params: { roundId: w.round.roundId } }),
        404,
        'not_found',
      );
      await expectApiError(
        client.call('listSessions', { params: { classId: w.cls.id }, query: {} }),
        404,
        'not_found',
      );
    }
    const { items } = await w.bot.call('listMembers', { params: { classId: w.cls.id }, query: {} });
    expect(items.map((m) => m.userId)).toEqual([w.teacher.userId]);
  });

  it('never reaches another tenant’s class, even with its conversation id', async () => {
    const w = await world();
    const stranger = buildUser({ tenantId: 'tenant-b', name: 'Other Tenant' });
    const bot = await botActingFor(t, stranger, DEV_BOT_SECRET, w.conversation.conversationId);
    await expectApiError(bot.call('getRound', { params: { roundId: w.round.roundId } }), 404, 'not_found');
  });
});
