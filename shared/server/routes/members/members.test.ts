import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassSchema } from '../../../contract/classes';
import { MemberPageSchema } from '../../../contract/api';
import { storageBackends } from '../../test/backends';
import { actor, buildClass, expectApiError, garbageClient, wrong } from '../../test/factories';
import { startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();

describe.each(backends)('joining and listing members on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  it('POST /classes/:classId/join 200 joins as a student with the right code, in any letter case', async () => {
    const w = await buildClass(t);
    const newcomer = await actor(t);
    const joinCode = (w.cls.joinCode ?? '').toLowerCase();
    const cls = ClassSchema.parse(
      await newcomer.client.call('joinClass', { params: { classId: w.cls.id }, body: { joinCode } }),
    );
    expect(cls).toMatchObject({ id: w.cls.id, myRole: 'student', joinCode: null });
    const mine = await newcomer.client.call('listClasses', {});
    expect(mine.items.map((c) => c.id)).toEqual([w.cls.id]);
  });

  it('POST /classes/:classId/join 200 leaves an existing member’s role as it is', async () => {
    const w = await buildClass(t);
    const again = await w.owner.client.call('joinClass', {
      params: { classId: w.cls.id },
      body: { joinCode: 'WHATEVER' },
    });
    expect(again.myRole).toBe('owner');
  });

  it('POST /classes/:classId/join 403 forbidden with a wrong code, and no membership', async () => {
    const w = await buildClass(t);
    const params = { classId: w.cls.id };
    await expectApiError(
      w.outsider.client.call('joinClass', { params, body: { joinCode: 'AAAAAAAA' } }),
      403,
      'forbidden',
    );
    await expectApiError(
      w.outsider.client.call('joinClass', { params, body: { joinCode: `${w.cls.joinCode ?? ''}X` } }),
      403,
      'forbidden',
    );
    await expectApiError(w.outsider.client.call('getClass', { params }), 404, 'not_found');
  });

  it('POST /classes/:classId/join 404 not_found for another tenant, even with the right code', async () => {
    const w = await buildClass(t);
    await expectApiError(
      w.otherTenant.client.call('joinClass', {
        params: { classId: w.cls.id },
        body: { joinCode: w.cls.joinCode ?? '' },
      }),
      404,
      'not_found',
    );
    expect((await w.otherTenant.client.call('listClasses', {})).items).toEqual([]);
  });

  it('POST /classes/:classId/join 404 not_found for a class that does not exist', async () => {
    const user = await actor(t);
    await expectApiError(
      user.client.call('joinClass', { params: { classId: wrong('cls_missing') }, body: { joinCode: 'ABC' } }),
      404,
      'not_found',
    );
  });

  it('POST /classes/:classId/join 400 validation_failed on wrong types, unknown and missing fields', async () => {
    const w = await buildClass(t);
    const bad: unknown[] = [{}, { joinCode: 12345678 }, { joinCode: '  ' }, { joinCode: 'A'.repeat(33) }];
    bad.push({ joinCode: w.cls.joinCode, role: 'owner' });
    for (const body of bad) {
      await expectApiError(
        w.outsider.client.call('joinClass', {
          params: { classId: w.cls.id },
          body: wrong(body),
        }),
        400,
        'validation_failed',
      );
    }
  });

  it('POST /classes/:classId/join 401 unauthenticated without a token', async () => {
    const w = await buildClass(t);
    const call = t.anonymous().call('joinClass', { params: { classId: w.cls.id }, body: { joinCode: 'X' } });
    await expectApiError(call, 401, 'unauthenticated');
  });

  it('POST /classes/:classId/join 401 invalid_token with a garbage token', async () => {
    const w = await buildClass(t);
    const call = garbageClient(t).call('joinClass', {
      params: { classId: w.cls.id },
      body: { joinCode: 'X' },
    });
    await expectApiError(call, 401, 'invalid_token');
  });

  it('GET /classes/:classId/members 200 lists members in join order with their roles', async () => {
    const w = await buildClass(t);
    const page = MemberPageSchema.parse(
      await w.student.client.call('listMembers', { params: { classId: w.cls.id } }),
    );
    expect(page.items.map((m) => [m.userId, m.role])).toEqual([
      [w.owner.user.userId, 'owner'],
      [w.facilitator.user.userId, 'facilitator'],
      [w.student.user.userId, 'student'],
    ]);
    expect(page.items[0]?.name).toBe(w.owner.user.name);
    expect(page.nextCursor).toBeNull();
  });

  it('GET /classes/:classId/members 400 validation_failed on a bad limit, query field or class id', async () => {
    const w = await buildClass(t);
    const client = w.owner.client;
    const params = { classId: w.cls.id };
    for (const query of [{ limit: 0 }, { limit: 201 }, { offset: 3 }]) {
      await expectApiError(
        client.call('listMembers', { params, query: wrong(query) }),
        400,
        'validation_failed',
      );
    }
    await expectApiError(
      client.call('listMembers', { params: { classId: wrong('x'.repeat(65)) } }),
      400,
      'validation_failed',
    );
  });

  it('GET /classes/:classId/members 404 not_found for a non-member', async () => {
    const w = await buildClass(t);
    const call = w.outsider.client.call('listMembers', { params: { classId: w.cls.id } });
    await expectApiError(call, 404, 'not_found');
  });

  it('GET /classes/:classId/members 404 not_found for another tenant', async () => {
    const w = await buildClass(t);
    const call = w.otherTenant.client.call('listMembers', { params: { classId: w.cls.id } });
    await expectApiError(call, 404, 'not_found');
  });

  it('GET /classes/:classId/members 401 unauthenticated without a token', async () => {
    const w = await buildClass(t);
    await expectApiError(
      t.anonymous().call('listMembers', { params: { classId: w.cls.id } }),
      401,
      'unauthenticated',
    );
  });

  it('GET /classes/:classId/members 401 invalid_token with a garbage token', async () => {
    const w = await buildClass(t);
    await expectApiError(
      garbageClient(t).call('listMembers', { params: { classId: w.cls.id } }),
      401,
      'invalid_token',
    );
  });
});
