import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassEnsure } from '../../../contract/classes';
import { ClassEnsureResultSchema } from '../../../contract/classes';
import { storageBackends } from '../../test/backends';
import {
  actor,
  botActingFor,
  buildConversation,
  expectApiError,
  garbageClient,
  wrong,
} from '../../test/factories';
import { buildUser, startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();

describe.each(backends)('ensureClass on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  const ensure = (conversation = buildConversation()): ClassEnsure => ({ name: 'Chem 1', conversation });

  it('POST /classes/ensure 200 the bot creates the class for the first user, who owns it', async () => {
    const first = buildUser();
    const body = ensure();
    const r = ClassEnsureResultSchema.parse(
      await (await botActingFor(t, first)).call('ensureClass', { body }),
    );
    expect(r).toMatchObject({ created: true, joined: true });
    expect(r.class).toMatchObject({ myRole: 'owner', name: 'Chem 1', conversation: body.conversation });
    expect(r.class.joinCode).not.toBeNull();
  });

  it('POST /classes/ensure 200 the bot joins others as students, once', async () => {
    const body = ensure();
    const owner = buildUser();
    const created = await (await botActingFor(t, owner)).call('ensureClass', { body });
    const studentUser = buildUser();
    const bot = await botActingFor(t, studentUser);
    const joined = await bot.call('ensureClass', { body });
    expect(joined).toMatchObject({ created: false, joined: true });
    expect(joined.class).toMatchObject({ id: created.class.id, myRole: 'student', joinCode: null });
    const again = await bot.call('ensureClass', { body });
    expect(again).toMatchObject({ created: false, joined: false });
    expect(again.class.myRole).toBe('student');
    const asOwner = await (
      await botActingFor(t, owner)
    ).call('listMembers', {
      params: { classId: created.class.id },
    });
    expect(asOwner.items.map((m) => [m.userId, m.role])).toEqual([
      [owner.userId, 'owner'],
      [studentUser.userId, 'student'],
    ]);
  });

  it('POST /classes/ensure 200 a user acting alone creates a class for a new conversation', async () => {
    const user = await actor(t);
    const r = await user.client.call('ensureClass', { body: ensure() });
    expect(r).toMatchObject({ created: true, joined: true });
    expect(r.class.myRole).toBe('owner');
  });

  it('POST /classes/ensure 200 a member acting alone gets the existing class unchanged', async () => {
    const body = ensure();
    const owner = await actor(t);
    const created = await owner.client.call('ensureClass', { body });
    const again = await owner.client.call('ensureClass', { body: { ...body, name: 'Renamed?' } });
    expect(again).toMatchObject({ created: false, joined: false });
    expect(again.class).toMatchObject({ id: created.class.id, name: 'Chem 1', myRole: 'owner' });
  });

  it('POST /classes/ensure 403 not_a_member for a user acting alone on a class they are not in', async () => {
    const body = ensure();
    await (await botActingFor(t, buildUser())).call('ensureClass', { body });
    const stranger = await actor(t);
    const err = await expectApiError(stranger.client.call('ensureClass', { body }), 403, 'not_a_member');
    expect(err.details).toBeUndefined();
    expect(await stranger.client.call('listClasses', {})).toMatchObject({ items: [] });
  });

  it('POST /classes/ensure 200 concurrent ensures of one conversation yield one class', async () => {
    const body = ensure();
    const users = Array.from({ length: 8 }, () => buildUser());
    const bots = await Promise.all(users.map((u) => botActingFor(t, u)));
    const results = await Promise.all(bots.map((bot) => bot.call('ensureClass', { body })));
    expect(new Set(results.map((r) => r.class.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results.every((r) => r.joined)).toBe(true);
    const members = await bots[0]!.call('listMembers', { params: { classId: results[0]!.class.id } });
    expect(members.items).toHaveLength(8);
    expect(members.items.filter((m) => m.role === 'owner')).toHaveLength(1);
  });

  it('POST /classes/ensure 200 another tenant with the same conversation id gets its own class', async () => {
    const body = ensure();
    const a = await (await botActingFor(t, buildUser())).call('ensureClass', { body });
    const bUser = buildUser({ tenantId: 'tenant-b' });
    const b = await (await botActingFor(t, bUser)).call('ensureClass', { body });
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
