import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassSchema } from '../../../contract/classes';
import { storageBackends } from '../../test/backends';
import {
  actor,
  buildClass,
  buildConversation,
  expectApiError,
  garbageClient,
  wrong,
} from '../../test/factories';
import { startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();

describe.each(backends)('classes on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  it('POST /classes 201 makes the caller owner, with a join code and default settings', async () => {
    const owner = await actor(t);
    const cls = ClassSchema.parse(
      await owner.client.call('createClass', { body: { name: '  Physics 101 ' } }),
    );
    expect(cls).toMatchObject({ name: 'Physics 101', myRole: 'owner', tenantId: owner.user.tenantId });
    expect(cls.joinCode).toMatch(/^[0-9A-Z]{8}$/);
    expect(cls.settings).toEqual({
      fullyAnonymous: false,
      studentsCanEdit: true,
      guestsJoin: true,
      anonymousJoin: false,
    });
    expect(cls.conversation).toBeNull();
  });

  it('POST /classes 201 keeps the given conversation and settings', async () => {
    const owner = await actor(t);
    const conversation = buildConversation({ kind: 'web' });
    const cls = await owner.client.call('createClass', {
      body: { name: 'Algebra', conversation, settings: { fullyAnonymous: true } },
    });
    expect(cls.conversation).toEqual(conversation);
    expect(cls.settings).toMatchObject({ fullyAnonymous: true, studentsCanEdit: true });
  });

  it('POST /classes 400 validation_failed on wrong types, unknown fields and missing fields', async () => {
    const owner = await actor(t);
    const bad: unknown[] = [
      { name: 3 },
      { name: '   ' },
      { name: 'x'.repeat(121) },
      {},
      { name: 'ok', color: 'red' },
      { name: 'ok', settings: { fullyAnonymous: 'yes' } },
      { name: 'ok', conversation: { kind: 'fax', conversationId: 'c' } },
    ];
    for (const body of bad) {
      const err = await expectApiError(
        owner.client.call('createClass', { body: wrong(body) }),
        400,
        'validation_failed',
      );
      expect(err.details).toMatchObject({ where: 'body' });
    }
  });

  it('POST /classes 403 forbidden for a Teams conversation: its class comes from Teams roles (ensureClass)', async () => {
    const student = await actor(t);
    for (const kind of ['channel', 'groupChat', 'meeting', 'personal'] as const) {
      await expectApiError(
        student.client.call('createClass', {
          body: { name: 'Mine now', conversation: buildConversation({ kind }) },
        }),
        403,
        'forbidden',
      );
    }
    expect((await student.client.call('listClasses', {})).items).toEqual([]);
  });

  it('POST /classes 409 conflict when the conversation already has a class', async () => {
    const conversation = buildConversation({ kind: 'web' });
    const first = await actor(t);
    await first.client.call('createClass', { body: { name: 'First', conversation } });
    const second = await actor(t);
    await expectApiError(
      second.client.call('createClass', { body: { name: 'Second', conversation } }),
      409,
      'conflict',
    );
  });

  it('POST /classes 201 binds the same conversation id in another tenant as a separate class', async () => {
    const conversation = buildConversation({ kind: 'web' });
    const a = await actor(t);
    const b = await actor(t, { tenantId: 'tenant-b' });
    const ca = await a.client.call('createClass', { body: { name: 'A', conversation } });
    const cb = await b.client.call('createClass', { body: { name: 'B', conversation } });
    expect(cb.id).not.toBe(ca.id);
    expect(cb.tenantId).toBe('tenant-b');
  });

  it('POST /classes 401 unauthenticated without a token', async () => {
    await expectApiError(t.anonymous().call('createClass', { body: { name: 'x' } }), 401, 'unauthenticated');
  });

  it('POST /classes 401 invalid_token with a garbage token', async () => {
    await expectApiError(garbageClient(t).call('createClass', { body: { name: 'x' } }), 401, 'invalid_token');
  });

  it('GET /classes 200 lists my classes with my role and nobody else’s', async () => {
    const w = await buildClass(t);
    const mine = await w.student.client.call('listClasses', {});
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ id: w.cls.id, myRole: 'student', joinCode: null });
    expect(mine.nextCursor).toBeNull();
    const outsiders = await w.outsider.client.call('listClasses', {});
    expect(outsiders.items).toEqual([]);
  });

  it('GET /classes 200 shows a user of another tenant none of them, even with the owner’s user id', async () => {
    const w = await buildClass(t);
    const page = await w.otherTenant.client.call('listClasses', {});
    expect(page.items).toEqual([]);
  });

  it('GET /classes 400 validation_failed on a bad limit or an unknown query field', async () => {
    const user = await actor(t);
    for (const query of [{ limit: 0 }, { limit: 201 }, { limit: 'many' }, { limit: 2.5 }, { sort: 'name' }]) {
      await expectApiError(
        user.client.call('listClasses', { query: wrong(query) }),
        400,
        'validation_failed',
      );
    }
  });

  it('GET /classes 401 unauthenticated without a token', async () => {
    await expectApiError(t.anonymous().call('listClasses', {}), 401, 'unauthenticated');
  });

  it('GET /classes 401 invalid_token with a garbage token', async () => {
    await expectApiError(garbageClient(t).call('listClasses', {}), 401, 'invalid_token');
  });

  it('GET /classes/:classId 200 shows facilitators the join code and students not', async () => {
    const w = await buildClass(t);
    const params = { classId: w.cls.id };
    const asFacilitator = await w.facilitator.client.call('getClass', { params });
    expect(asFacilitator).toMatchObject({ myRole: 'facilitator', joinCode: w.cls.joinCode });
    const asStudent = ClassSchema.parse(await w.student.client.call('getClass', { params }));
    expect(asStudent).toMatchObject({ id: w.cls.id, myRole: 'student', joinCode: null });
  });

  it('GET /classes/:classId 400 validation_failed on a class id over 64 characters', async () => {
    const user = await actor(t);
    await expectApiError(
      user.client.call('getClass', { params: { classId: wrong('c'.repeat(65)) } }),
      400,
      'validation_failed',
    );
  });

  it('GET /classes/:classId 404 not_found for a non-member of the same tenant', async () => {
    const w = await buildClass(t);
    await expectApiError(
      w.outsider.client.call('getClass', { params: { classId: w.cls.id } }),
      404,
      'not_found',
    );
  });

  it('GET /classes/:classId 404 not_found for another tenant, leaking nothing', async () => {
    const w = await buildClass(t, { name: 'Secret seminar' });
    const err = await expectApiError(
      w.otherTenant.client.call('getClass', { params: { classId: w.cls.id } }),
      404,
      'not_found',
    );
    expect(err.message).not.toContain('Secret');
    expect(err.details).toBeUndefined();
  });

  it('GET /classes/:classId 404 not_found for an id that never existed', async () => {
    const user = await actor(t);
    await expectApiError(
      user.client.call('getClass', { params: { classId: wrong('cls_doesnotexist') } }),
      404,
      'not_found',
    );
  });

  it('GET /classes/:classId 401 unauthenticated without a token', async () => {
    const w = await buildClass(t);
    await expectApiError(
      t.anonymous().call('getClass', { params: { classId: w.cls.id } }),
      401,
      'unauthenticated',
    );
  });

  it('GET /classes/:classId 401 invalid_token with a garbage token', async () => {
    const w = await buildClass(t);
    await expectApiError(
      garbageClient(t).call('getClass', { params: { classId: w.cls.id } }),
      401,
      'invalid_token',
    );
  });

  it('PATCH /classes/:classId 200 renames as facilitator and changes one setting, keeping the others', async () => {
    const w = await buildClass(t);
    const params = { classId: w.cls.id };
    await w.owner.client.call('updateClass', { params, body: { settings: { fullyAnonymous: true } } });
    const renamed = await w.facilitator.client.call('updateClass', {
      params,
      body: { name: 'Physics 102', settings: { studentsCanEdit: false } },
    });
    expect(renamed).toMatchObject({ name: 'Physics 102', myRole: 'facilitator' });
    expect(renamed.settings).toMatchObject({
      fullyAnonymous: true,
      studentsCanEdit: false,
      guestsJoin: true,
    });
    const seen = await w.student.client.call('getClass', { params });
    expect(seen.name).toBe('Physics 102');
    expect(seen.settings).toMatchObject({ fullyAnonymous: true, studentsCanEdit: false, guestsJoin: true });
  });

  it('PATCH /classes/:classId 200 sets the class’s time zone (round summaries give local times in it)', async () => {
    const w = await buildClass(t);
    const params = { classId: w.cls.id };
    expect(w.cls.settings.timeZone).toBeUndefined();
    const set = await w.owner.client.call('updateClass', {
      params,
      body: { settings: { timeZone: 'America/New_York' } },
    });
    expect(set.settings).toEqual({
      fullyAnonymous: false,
      studentsCanEdit: true,
      timeZone: 'America/New_York',
      guestsJoin: true,
      anonymousJoin: false,
    });
    expect((await w.student.client.call('getClass', { params })).settings.timeZone).toBe('America/New_York');
  });

  it('PATCH /classes/:classId 400 validation_failed on wrong types and unknown fields', async () => {
    const w = await buildClass(t);
    const bad: unknown[] = [
      { name: '' },
      { name: 7 },
      { owner: 'me' },
      { settings: { darkMode: true } },
      { settings: { timeZone: 'Mars/Olympus_Mons' } },
      { settings: { timeZone: '' } },
      [],
    ];
    for (const body of bad) {
      await expectApiError(
        w.owner.client.call('updateClass', { params: { classId: w.cls.id }, body: wrong(body) }),
        400,
        'validation_failed',
      );
    }
  });

  it('PATCH /classes/:classId 403 insufficient_role for a student', async () => {
    const w = await buildClass(t);
    await expectApiError(
      w.student.client.call('updateClass', { params: { classId: w.cls.id }, body: { name: 'Mine now' } }),
      403,
      'insufficient_role',
    );
    const unchanged = await w.owner.client.call('getClass', { params: { classId: w.cls.id } });
    expect(unchanged.name).toBe(w.cls.name);
  });

  it('PATCH /classes/:classId 404 not_found for a non-member', async () => {
    const w = await buildClass(t);
    await expectApiError(
      w.outsider.client.call('updateClass', { params: { classId: w.cls.id }, body: { name: 'x' } }),
      404,
      'not_found',
    );
  });

  it('PATCH /classes/:classId 404 not_found for another tenant', async () => {
    const w = await buildClass(t);
    await expectApiError(
      w.otherTenant.client.call('updateClass', { params: { classId: w.cls.id }, body: { name: 'x' } }),
      404,
      'not_found',
    );
  });

  it('PATCH /classes/:classId 401 unauthenticated without a token', async () => {
    const w = await buildClass(t);
    const call = t.anonymous().call('updateClass', { params: { classId: w.cls.id }, body: { name: 'x' } });
    await expectApiError(call, 401, 'unauthenticated');
  });

  it('PATCH /classes/:classId 401 invalid_token with a garbage token', async () => {
    const w = await buildClass(t);
    const call = garbageClient(t).call('updateClass', { params: { classId: w.cls.id }, body: { name: 'x' } });
    await expectApiError(call, 401, 'invalid_token');
  });
});
