import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleChange } from '../../../contract/classes';
import { MemberSchema } from '../../../contract/classes';
import { storageBackends } from '../../test/backends';
import { buildClass, expectApiError, garbageClient, wrong, type ClassWorld } from '../../test/factories';
import { startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();

describe.each(backends)('roles and leaving on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  const roleOf = async (w: ClassWorld, userId: string) => {
    const page = await w.owner.client.call('listMembers', { params: { classId: w.cls.id } });
    return page.items.find((m) => m.userId === userId)?.role ?? null;
  };
  const setRole = (
    w: ClassWorld,
    as: keyof Omit<ClassWorld, 'cls'>,
    userId: string,
    role: RoleChange['role'],
  ) => w[as].client.call('setMemberRole', { params: { classId: w.cls.id, userId }, body: { role } });

  it('PUT /classes/:classId/members/:userId/role 200 owners and facilitators promote students', async () => {
    const w = await buildClass(t);
    const member = MemberSchema.parse(await setRole(w, 'facilitator', w.student.user.userId, 'facilitator'));
    expect(member).toMatchObject({ userId: w.student.user.userId, role: 'facilitator' });
    expect(await roleOf(w, w.student.user.userId)).toBe('facilitator');
    await setRole(w, 'owner', w.student.user.userId, 'student');
    expect(await roleOf(w, w.student.user.userId)).toBe('student');
  });

  it('PUT /classes/:classId/members/:userId/role 200 an owner hands over ownership and steps down', async () => {
    const w = await buildClass(t);
    await setRole(w, 'owner', w.facilitator.user.userId, 'owner');
    const me = await setRole(w, 'owner', w.owner.user.userId, 'student');
    expect(me.role).toBe('student');
    expect(await roleOf(w, w.facilitator.user.userId)).toBe('owner');
  });

  it('PUT /classes/:classId/members/:userId/role 200 setting the same role changes nothing', async () => {
    const w = await buildClass(t);
    const same = await setRole(w, 'facilitator', w.student.user.userId, 'student');
    expect(same.role).toBe('student');
  });

  it('PUT /classes/:classId/members/:userId/role 403 insufficient_role for a student', async () => {
    const w = await buildClass(t);
    await expectApiError(
      setRole(w, 'student', w.student.user.userId, 'facilitator'),
      403,
      'insufficient_role',
    );
    expect(await roleOf(w, w.student.user.userId)).toBe('student');
  });

  it('PUT /classes/:classId/members/:userId/role 403 insufficient_role when a facilitator grants owner', async () => {
    const w = await buildClass(t);
    await expectApiError(setRole(w, 'facilitator', w.student.user.userId, 'owner'), 403, 'insufficient_role');
    await expectApiError(
      setRole(w, 'facilitator', w.facilitator.user.userId, 'owner'),
      403,
      'insufficient_role',
    );
  });

  it('PUT /classes/:classId/members/:userId/role 403 insufficient_role when a facilitator demotes an owner', async () => {
    const w = await buildClass(t);
    await expectApiError(setRole(w, 'facilitator', w.owner.user.userId, 'student'), 403, 'insufficient_role');
    expect(await roleOf(w, w.owner.user.userId)).toBe('owner');
  });

  it('PUT /classes/:classId/members/:userId/role 409 last_owner when the last owner demotes themselves', async () => {
    const w = await buildClass(t);
    await expectApiError(setRole(w, 'owner', w.owner.user.userId, 'facilitator'), 409, 'last_owner');
    expect(await roleOf(w, w.owner.user.userId)).toBe('owner');
  });

  it('PUT /classes/:classId/members/:userId/role 409 last_owner: two owners demoting each other keep one', async () => {
    for (let round = 0; round < 4; round += 1) {
      const w = await buildClass(t);
      await setRole(w, 'owner', w.facilitator.user.userId, 'owner');
      const results = await Promise.allSettled([
        setRole(w, 'owner', w.facilitator.user.userId, 'student'),
        setRole(w, 'facilitator', w.owner.user.userId, 'student'),
      ]);
      const owners = (await w.student.client.call('listMembers', { params: { classId: w.cls.id } })).items;
      expect(owners.filter((m) => m.role === 'owner')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    }
  });

  it('PUT /classes/:classId/members/:userId/role 404 not_found for a non-member caller or target', async () => {
    const w = await buildClass(t);
    await expectApiError(setRole(w, 'outsider', w.student.user.userId, 'facilitator'), 404, 'not_found');
    await expectApiError(setRole(w, 'owner', w.outsider.user.userId, 'facilitator'), 404, 'not_found');
  });

  it('PUT /classes/:classId/members/:userId/role 404 not_found for another tenant', async () => {
    const w = await buildClass(t);
    await expectApiError(setRole(w, 'otherTenant', w.student.user.userId, 'owner'), 404, 'not_found');
  });

  it('PUT /classes/:classId/members/:userId/role 400 validation_failed on a bad role or user id', async () => {
    const w = await buildClass(t);
    const params = { classId: w.cls.id, userId: w.student.user.userId };
    for (const body of [{ role: 'admin' }, {}, { role: 'student', until: 'tomorrow' }, { role: 1 }]) {
      await expectApiError(
        w.owner.client.call('setMemberRole', { params, body: wrong(body) }),
        400,
        'validation_failed',
      );
    }
    await expectApiError(setRole(w, 'owner', 'u'.repeat(257), 'student'), 400, 'validation_failed');
  });

  it('PUT /classes/:classId/members/:userId/role 401 unauthenticated without a token', async () => {
    const w = await buildClass(t);
    const params = { classId: w.cls.id, userId: w.student.user.userId };
    const call = t.anonymous().call('setMemberRole', { params, body: { role: 'owner' } });
    await expectApiError(call, 401, 'unauthenticated');
  });

  it('PUT /classes/:classId/members/:userId/role 401 invalid_token with a garbage token', async () => {
    const w = await buildClass(t);
    const params = { classId: w.cls.id, userId: w.student.user.userId };
    const call = garbageClient(t).call('setMemberRole', { params, body: { role: 'owner' } });
    await expectApiError(call, 401, 'invalid_token');
  });

  it('POST /classes/:classId/leave 200 a student leaves and no longer sees the class', async () => {
    const w = await buildClass(t);
    const params = { classId: w.cls.id };
    expect(await w.student.client.call('leaveClass', { params, body: {} })).toEqual({ ok: true });
    await expectApiError(w.student.client.call('getClass', { params }), 404, 'not_found');
    expect(await roleOf(w, w.student.user.userId)).toBeNull();
  });

  it('POST /classes/:classId/leave 200 an owner leaves once someone else owns the class', async () => {
    const w = await buildClass(t);
    await setRole(w, 'owner', w.facilitator.user.userId, 'owner');
    await w.owner.client.call('leaveClass', { params: { classId: w.cls.id }, body: {} });
    expect((await w.owner.client.call('listClasses', {})).items).toEqual([]);
  });

  it('POST /classes/:classId/leave 409 last_owner when the last owner tries to leave', async () => {
    const w = await buildClass(t);
    await expectApiError(
      w.owner.client.call('leaveClass', { params: { classId: w.cls.id }, body: {} }),
      409,
      'last_owner',
    );
    expect(await roleOf(w, w.owner.user.userId)).toBe('owner');
  });

  it('POST /classes/:classId/leave 409 last_owner: two owners leaving at once leave one behind', async () => {
    for (let round = 0; round < 4; round += 1) {
      const w = await buildClass(t);
      await setRole(w, 'owner', w.facilitator.user.userId, 'owner');
      const params = { classId: w.cls.id };
      const results = await Promise.allSettled([
        w.owner.client.call('leaveClass', { params, body: {} }),
        w.facilitator.client.call('leaveClass', { params, body: {} }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const members = await w.student.client.call('listMembers', { params });
      expect(members.items.filter((m) => m.role === 'owner')).toHaveLength(1);
    }
  });

  it('POST /classes/:classId/leave 404 not_found for a non-member', async () => {
    const w = await buildClass(t);
    const call = w.outsider.client.call('leaveClass', { params: { classId: w.cls.id }, body: {} });
    await expectApiError(call, 404, 'not_found');
  });

  it('POST /classes/:classId/leave 404 not_found for another tenant', async () => {
    const w = await buildClass(t);
    const call = w.otherTenant.client.call('leaveClass', { params: { classId: w.cls.id }, body: {} });
    await expectApiError(call, 404, 'not_found');
    expect(await roleOf(w, w.owner.user.userId)).toBe('owner');
  });

  it('POST /classes/:classId/leave 400 validation_failed on a body with fields', async () => {
    const w = await buildClass(t);
    const call = w.student.client.call('leaveClass', {
      params: { classId: w.cls.id },
      body: wrong({ reason: 'bored' }),
    });
    await expectApiError(call, 400, 'validation_failed');
  });

  it('POST /classes/:classId/leave 401 unauthenticated without a token', async () => {
    const w = await buildClass(t);
    const call = t.anonymous().call('leaveClass', { params: { classId: w.cls.id }, body: {} });
    await expectApiError(call, 401, 'unauthenticated');
  });

  it('POST /classes/:classId/leave 401 invalid_token with a garbage token', async () => {
    const w = await buildClass(t);
    const call = garbageClient(t).call('leaveClass', { params: { classId: w.cls.id }, body: {} });
    await expectApiError(call, 401, 'invalid_token');
  });
});
