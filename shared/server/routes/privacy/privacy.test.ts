import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoaClient } from '../../../client/client';
import { LIMITS } from '../../../contract/limits';
import { PersonalExportSchema, RetentionOverviewSchema } from '../../../contract/privacy';
import { storageBackends } from '../../test/backends';
import {
  actor,
  buildClass,
  buildSession,
  expectApiError,
  garbageClient,
  wrong,
  type Actor,
} from '../../test/factories';
import { startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();
const ADMIN_A = { tenantId: 'tenant-a', userId: 'privacy-admin-a', name: 'Admin of A' };
const ADMIN_B = { tenantId: 'tenant-b', userId: 'privacy-admin-b', name: 'Admin of B' };
const tooLong = 'x'.repeat(LIMITS.idMax + 1);

describe.each(backends)('privacy routes on %s', (backend) => {
  let t: TestService;
  let adminA: StoaClient;
  let adminB: StoaClient;
  beforeAll(async () => {
    t = await startTestService({
      backend,
      env: {
        TENANT_ADMINS: `${ADMIN_A.tenantId}:${ADMIN_A.userId},${ADMIN_B.tenantId}:${ADMIN_B.userId}`,
        PRIVACY_SELF_ERASURE: 'tenant-b',
      },
    });
    adminA = await t.as(ADMIN_A);
    adminB = await t.as(ADMIN_B);
  });
  afterAll(() => t.close());

  const memberOf = async (owner: Actor, classId: string, userId: string) =>
    (await owner.client.call('listMembers', { params: { classId } })).items.some((m) => m.userId === userId);

  // GET /me/export
  it('GET /me/export 200 lists the caller’s memberships and records the export', async () => {
    const w = await buildClass(t);
    const data = PersonalExportSchema.parse(await w.student.client.call('exportMyData', {}));
    expect(data.memberships).toEqual([expect.objectContaining({ classId: w.cls.id, role: 'student' })]);
    expect(data.summary).toContain('# Your data in Stoa');
    expect(JSON.stringify(data)).not.toContain(w.owner.user.userId);
    const audit = await adminA.call('listAuditEntries', { query: { limit: 50 } });
    expect(audit.items).toContainEqual(
      expect.objectContaining({ action: 'data_exported', actorId: w.student.user.userId }),
    );
  });

  it('GET /me/export 200 for someone Stoa holds nothing about: empty lists', async () => {
    const nobody = await actor(t);
    const data = await nobody.client.call('exportMyData', {});
    expect(data.memberships).toEqual([]);
    expect(data.rounds.answers).toEqual([]);
  });

  it('GET /me/export 200 lists what was done to the caller (a role change, an administrator’s export) without who did it', async () => {
    const w = await buildClass(t);
    await w.owner.client.call('setMemberRole', {
      params: { classId: w.cls.id, userId: w.student.user.userId },
      body: { role: 'facilitator' },
    });
    await adminA.call('exportUserData', { params: { userId: w.student.user.userId } });
    const data = PersonalExportSchema.parse(await w.student.client.call('exportMyData', {}));
    expect(data.audit).toEqual([
      expect.objectContaining({
        action: 'member_role_changed',
        as: 'subject',
        classId: w.cls.id,
        role: 'facilitator',
      }),
      expect.objectContaining({ action: 'data_exported', as: 'subject' }),
    ]);
    expect(data.summary).toContain('your role became facilitator');
    const text = JSON.stringify(data);
    expect(text).not.toContain(w.owner.user.userId);
    expect(text).not.toContain(ADMIN_A.userId);
    // The caller's own export is recorded as their action, and shows up as such next time.
    const again = await w.student.client.call('exportMyData', {});
    expect(again.audit.at(-1)).toMatchObject({ action: 'data_exported', as: 'actor', role: null });
  });

  it('GET /me/export 200 for the same user id in another tenant shows nothing of this tenant', async () => {
    const w = await buildClass(t);
    const data = await w.otherTenant.client.call('exportMyData', {});
    expect(data.subject.tenantId).toBe('tenant-b');
    expect(data.memberships).toEqual([]);
    expect(data.classesCreated).toEqual([]);
  });

  it('GET /me/export 401 unauthenticated without a token', async () => {
    await expectApiError(t.anonymous().call('exportMyData', {}), 401, 'unauthenticated');
  });

  it('GET /me/export 401 invalid_token with a garbage token', async () => {
    await expectApiError(garbageClient(t).call('exportMyData', {}), 401, 'invalid_token');
  });

  // POST /me/erase
  it('POST /me/erase 200 where the tenant allows it, leaving the same id in another tenant alone', async () => {
    const w = await buildClass(t);
    const self = await actor(t, { tenantId: 'tenant-b' });
    const sameIdInA = await t.as({ ...self.user, tenantId: 'tenant-a' });
    await sameIdInA.call('joinClass', {
      params: { classId: w.cls.id },
      body: { joinCode: w.cls.joinCode ?? '' },
    });
    const result = await self.client.call('eraseMyData', { body: {} });
    expect(result.erased).toBe(true);
    expect(await memberOf(w.owner, w.cls.id, self.user.userId)).toBe(true);
  });

  it('POST /me/erase 400 validation_failed for an unknown body field', async () => {
    const self = await actor(t, { tenantId: 'tenant-b' });
    await expectApiError(
      self.client.call('eraseMyData', { body: wrong({ everything: true }) }),
      400,
      'validation_failed',
    );
  });

  it('POST /me/erase 401 unauthenticated without a token', async () => {
    await expectApiError(t.anonymous().call('eraseMyData', { body: {} }), 401, 'unauthenticated');
  });

  it('POST /me/erase 401 invalid_token with a garbage token', async () => {
    await expectApiError(garbageClient(t).call('eraseMyData', { body: {} }), 401, 'invalid_token');
  });

  it('POST /me/erase 403 forbidden where the tenant leaves erasure to administrators', async () => {
    const w = await buildClass(t);
    await expectApiError(w.student.client.call('eraseMyData', { body: {} }), 403, 'forbidden');
    expect(await memberOf(w.owner, w.cls.id, w.student.user.userId)).toBe(true);
  });

  // GET /admin/users/:userId/export
  it('GET /admin/users/:userId/export 200 an administrator exports a user of their tenant', async () => {
    const w = await buildClass(t);
    const data = await adminA.call('exportUserData', { params: { userId: w.student.user.userId } });
    expect(data.subject.userId).toBe(w.student.user.userId);
    expect(data.memberships.map((m) => m.classId)).toEqual([w.cls.id]);
  });

  it('GET /admin/users/:userId/export 400 validation_failed for an over-long user id', async () => {
    await expectApiError(
      adminA.call('exportUserData', { params: { userId: tooLong } }),
      400,
      'validation_failed',
    );
  });

  it('GET /admin/users/:userId/export 401 unauthenticated without a token', async () => {
    await expectApiError(
      t.anonymous().call('exportUserData', { params: { userId: 'x' } }),
      401,
      'unauthenticated',
    );
  });

  it('GET /admin/users/:userId/export 401 invalid_token with a garbage token', async () => {
    await expectApiError(
      garbageClient(t).call('exportUserData', { params: { userId: 'x' } }),
      401,
      'invalid_token',
    );
  });

  it('GET /admin/users/:userId/export 403 insufficient_role for students and facilitators', async () => {
    const w = await buildClass(t);
    for (const who of [w.student, w.facilitator, w.owner]) {
      await expectApiError(
        who.client.call('exportUserData', { params: { userId: w.student.user.userId } }),
        403,
        'insufficient_role',
      );
    }
  });

  it('GET /admin/users/:userId/export 404 not_found for an administrator of another tenant', async () => {
    const w = await buildClass(t);
    await expectApiError(
      adminB.call('exportUserData', { params: { userId: w.student.user.userId } }),
      404,
      'not_found',
    );
  });

  // POST /admin/users/:userId/erase
  it('POST /admin/users/:userId/erase 200 removes the memberships and is idempotent', async () => {
    const w = await buildClass(t);
    const first = await adminA.call('eraseUser', { params: { userId: w.student.user.userId }, body: {} });
    expect(first.counts.memberships).toBe(1);
    expect(await memberOf(w.owner, w.cls.id, w.student.user.userId)).toBe(false);
    const again = await adminA.call('eraseUser', { params: { userId: w.student.user.userId }, body: {} });
    expect(again.counts).toMatchObject({ memberships: 0, rounds: 0, notes: 0 });
    const audit = await adminA.call('listAuditEntries', { query: { limit: 100 } });
    expect(JSON.stringify(audit)).not.toContain(w.student.user.userId);
  });

  it('POST /admin/users/:userId/erase 200 by another tenant’s administrator leaves this tenant’s data alone', async () => {
    const w = await buildClass(t);
    const result = await adminB.call('eraseUser', { params: { userId: w.student.user.userId }, body: {} });
    expect(result.counts.memberships).toBe(0);
    expect(await memberOf(w.owner, w.cls.id, w.student.user.userId)).toBe(true);
  });

  it('POST /admin/users/:userId/erase 400 validation_failed for an over-long user id', async () => {
    await expectApiError(
      adminA.call('eraseUser', { params: { userId: tooLong }, body: {} }),
      400,
      'validation_failed',
    );
  });

  it('POST /admin/users/:userId/erase 401 unauthenticated without a token', async () => {
    await expectApiError(
      t.anonymous().call('eraseUser', { params: { userId: 'x' }, body: {} }),
      401,
      'unauthenticated',
    );
  });

  it('POST /admin/users/:userId/erase 401 invalid_token with a garbage token', async () => {
    await expectApiError(
      garbageClient(t).call('eraseUser', { params: { userId: 'x' }, body: {} }),
      401,
      'invalid_token',
    );
  });

  it('POST /admin/users/:userId/erase 403 insufficient_role for a class owner', async () => {
    const w = await buildClass(t);
    await expectApiError(
      w.owner.client.call('eraseUser', { params: { userId: w.student.user.userId }, body: {} }),
      403,
      'insufficient_role',
    );
    expect(await memberOf(w.owner, w.cls.id, w.student.user.userId)).toBe(true);
  });

  // GET /admin/audit
  it('GET /admin/audit 200 pages through role changes newest first', async () => {
    const w = await buildClass(t);
    await w.owner.client.call('setMemberRole', {
      params: { classId: w.cls.id, userId: w.student.user.userId },
      body: { role: 'facilitator' },
    });
    const first = await adminA.call('listAuditEntries', { query: { limit: 1 } });
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({
      action: 'member_role_changed',
      actorId: w.owner.user.userId,
      subject: w.student.user.userId,
      classId: w.cls.id,
      details: { role: 'facilitator' },
    });
    const second = await adminA.call('listAuditEntries', { query: { limit: 1, cursor: first.nextCursor! } });
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expect(Date.parse(second.items[0]!.at)).toBeLessThanOrEqual(Date.parse(first.items[0]!.at));
  });

  it('GET /admin/audit 200 an administrator of another tenant sees none of this tenant’s entries', async () => {
    const w = await buildClass(t);
    const page = await adminB.call('listAuditEntries', { query: { limit: 100 } });
    expect(JSON.stringify(page)).not.toContain(w.cls.id);
  });

  it('GET /admin/audit 400 validation_failed for a cursor the service did not make', async () => {
    await expectApiError(
      adminA.call('listAuditEntries', { query: { cursor: 'nope' } }),
      400,
      'validation_failed',
    );
  });

  it('GET /admin/audit 401 unauthenticated without a token', async () => {
    await expectApiError(t.anonymous().call('listAuditEntries', { query: {} }), 401, 'unauthenticated');
  });

  it('GET /admin/audit 401 invalid_token with a garbage token', async () => {
    await expectApiError(garbageClient(t).call('listAuditEntries', { query: {} }), 401, 'invalid_token');
  });

  it('GET /admin/audit 403 insufficient_role for a facilitator', async () => {
    const w = await buildClass(t);
    await expectApiError(
      w.facilitator.client.call('listAuditEntries', { query: {} }),
      403,
      'insufficient_role',
    );
  });

  // GET /admin/retention
  it('GET /admin/retention 200 shows the rules and a dry run', async () => {
    const overview = RetentionOverviewSchema.parse(await adminA.call('getRetention', {}));
    expect(overview.auditDays).toBe(730);
    expect(overview.deploymentDefaultDays).toBeNull();
  });

  it('GET /admin/retention 200 an administrator of another tenant sees no rule of this tenant', async () => {
    const w = await buildClass(t);
    await adminA.call('setRetentionPolicy', { body: { classId: w.cls.id, days: 30 } });
    const overview = await adminB.call('getRetention', {});
    expect(overview.policies.map((p) => p.classId)).not.toContain(w.cls.id);
  });

  it('GET /admin/retention 401 unauthenticated without a token', async () => {
    await expectApiError(t.anonymous().call('getRetention', {}), 401, 'unauthenticated');
  });

  it('GET /admin/retention 401 invalid_token with a garbage token', async () => {
    await expectApiError(garbageClient(t).call('getRetention', {}), 401, 'invalid_token');
  });

  it('GET /admin/retention 403 insufficient_role for a student', async () => {
    const w = await buildClass(t);
    await expectApiError(w.student.client.call('getRetention', {}), 403, 'insufficient_role');
  });

  // PUT /admin/retention
  it('PUT /admin/retention 200 sets and removes a class rule, recorded in the trail', async () => {
    const w = await buildClass(t);
    await buildSession(w);
    const set = await adminA.call('setRetentionPolicy', { body: { classId: w.cls.id, days: 1 } });
    expect(set.policies).toContainEqual({ classId: w.cls.id, days: 1 });
    const cleared = await adminA.call('setRetentionPolicy', { body: { classId: w.cls.id, days: null } });
    expect(cleared.policies.map((p) => p.classId)).not.toContain(w.cls.id);
    const audit = await adminA.call('listAuditEntries', { query: { limit: 5 } });
    expect(audit.items[0]).toMatchObject({ action: 'retention_policy_changed', classId: w.cls.id });
  });

  it('PUT /admin/retention 400 validation_failed for zero days', async () => {
    await expectApiError(adminA.call('setRetentionPolicy', { body: { days: 0 } }), 400, 'validation_failed');
  });

  it('PUT /admin/retention 401 unauthenticated without a token', async () => {
    await expectApiError(
      t.anonymous().call('setRetentionPolicy', { body: { days: 5 } }),
      401,
      'unauthenticated',
    );
  });

  it('PUT /admin/retention 401 invalid_token with a garbage token', async () => {
    await expectApiError(
      garbageClient(t).call('setRetentionPolicy', { body: { days: 5 } }),
      401,
      'invalid_token',
    );
  });

  it('PUT /admin/retention 403 insufficient_role for a class owner', async () => {
    const w = await buildClass(t);
    await expectApiError(
      w.owner.client.call('setRetentionPolicy', { body: { classId: w.cls.id, days: 5 } }),
      403,
      'insufficient_role',
    );
  });

  it('PUT /admin/retention 404 not_found for a class of another tenant', async () => {
    const w = await buildClass(t);
    await expectApiError(
      adminB.call('setRetentionPolicy', { body: { classId: w.cls.id, days: 5 } }),
      404,
      'not_found',
    );
  });
});
