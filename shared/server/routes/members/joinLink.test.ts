import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageBackends } from '../../test/backends';
import { actor, buildClass, expectApiError, garbageClient, wrong } from '../../test/factories';
import { startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();

describe.each(backends)('join links on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend, env: { TEAMS_APP_ID: 'app-1234' } });
  });
  afterAll(() => t.close());

  it('GET /classes/:classId/join-link 200 gives facilitators one stable link (/join/<token>)', async () => {
    const w = await buildClass(t);
    const a = await w.owner.client.call('getJoinLink', { params: { classId: w.cls.id } });
    const b = await w.facilitator.client.call('getJoinLink', { params: { classId: w.cls.id } });
    expect(a.token).toMatch(/^[0-9a-z]{26}$/);
    expect(a).toEqual(b);
    expect(a.path).toBe(`/join/${a.token}`);
    expect(a.teamsDeepLink).toBeNull();
  });

  it('GET /classes/:classId/join-link 200 with a Teams deep link that opens the class tab in its conversation', async () => {
    const w = await buildClass(t, {
      conversation: {
        kind: 'channel',
        conversationId: '19:lab@thread.tacv2',
        teamId: 'team-x',
        channelId: '19:lab@thread.tacv2',
      },
    });
    const link = await w.owner.client.call('getJoinLink', { params: { classId: w.cls.id } });
    expect(link.teamsDeepLink).toBe(
      `https://teams.microsoft.com/l/entity/app-1234/stoa-class-${w.cls.id}?context=${encodeURIComponent(JSON.stringify({ channelId: '19:lab@thread.tacv2' }))}`,
    );
  });

  it('GET /classes/:classId/join-link 403 insufficient_role for a student', async () => {
    const w = await buildClass(t);
    await expectApiError(
      w.student.client.call('getJoinLink', { params: { classId: w.cls.id } }),
      403,
      'insufficient_role',
    );
  });

  it('GET /classes/:classId/join-link 404 not_found for a non-member and another tenant', async () => {
    const w = await buildClass(t);
    for (const who of [w.outsider, w.otherTenant])
      await expectApiError(
        who.client.call('getJoinLink', { params: { classId: w.cls.id } }),
        404,
        'not_found',
      );
  });

  it('GET /classes/:classId/join-link 400 validation_failed for a malformed class id', async () => {
    const w = await buildClass(t);
    await expectApiError(
      w.owner.client.call('getJoinLink', { params: { classId: wrong('x'.repeat(80)) } }),
      400,
      'validation_failed',
    );
  });

  it('GET /classes/:classId/join-link 401 unauthenticated without a token', async () => {
    await expectApiError(
      t.anonymous().call('getJoinLink', { params: { classId: wrong('cls_x') } }),
      401,
      'unauthenticated',
    );
  });

  it('GET /classes/:classId/join-link 401 invalid_token with a garbage token', async () => {
    await expectApiError(
      garbageClient(t).call('getJoinLink', { params: { classId: wrong('cls_x') } }),
      401,
      'invalid_token',
    );
  });

  it('POST /classes/:classId/join-link 200 rotates: the old link stops working, the new one joins; audited', async () => {
    const w = await buildClass(t);
    const old = await w.owner.client.call('getJoinLink', { params: { classId: w.cls.id } });
    const fresh = await w.facilitator.client.call('rotateJoinLink', {
      params: { classId: w.cls.id },
      body: {},
    });
    expect(fresh.token).not.toBe(old.token);
    const late = await actor(t);
    await expectApiError(
      late.client.call('joinByLink', { params: { token: old.token }, body: {} }),
      404,
      'not_found',
    );
    expect((await late.client.call('joinByLink', { params: { token: fresh.token }, body: {} })).myRole).toBe(
      'student',
    );
  });

  it('POST /classes/:classId/join-link 403 insufficient_role for a student', async () => {
    const w = await buildClass(t);
    await expectApiError(
      w.student.client.call('rotateJoinLink', { params: { classId: w.cls.id }, body: {} }),
      403,
      'insufficient_role',
    );
  });

  it('POST /classes/:classId/join-link 404 not_found for a non-member and another tenant', async () => {
    const w = await buildClass(t);
    for (const who of [w.outsider, w.otherTenant])
      await expectApiError(
        who.client.call('rotateJoinLink', { params: { classId: w.cls.id }, body: {} }),
        404,
        'not_found',
      );
  });

  it('POST /classes/:classId/join-link 400 validation_failed for an unknown body field', async () => {
    const w = await buildClass(t);
    await expectApiError(
      w.owner.client.call('rotateJoinLink', {
        params: { classId: w.cls.id },
        body: wrong({ token: 'mine' }),
      }),
      400,
      'validation_failed',
    );
  });

  it('POST /classes/:classId/join-link 401 unauthenticated without a token', async () => {
    await expectApiError(
      t.anonymous().call('rotateJoinLink', { params: { classId: wrong('cls_x') }, body: {} }),
      401,
      'unauthenticated',
    );
  });

  it('POST /classes/:classId/join-link 401 invalid_token with a garbage token', async () => {
    await expectApiError(
      garbageClient(t).call('rotateJoinLink', { params: { classId: wrong('cls_x') }, body: {} }),
      401,
      'invalid_token',
    );
  });

  it('POST /join/:token 200 joins as a student once; a member keeps their role', async () => {
    const w = await buildClass(t);
    const { token } = await w.owner.client.call('getJoinLink', { params: { classId: w.cls.id } });
    const newcomer = await actor(t);
    const first = await newcomer.client.call('joinByLink', { params: { token }, body: {} });
    expect(first).toMatchObject({ id: w.cls.id, myRole: 'student', joinCode: null });
    await newcomer.client.call('joinByLink', { params: { token }, body: {} });
    expect((await w.facilitator.client.call('joinByLink', { params: { token }, body: {} })).myRole).toBe(
      'facilitator',
    );
    const { items } = await w.owner.client.call('listMembers', { params: { classId: w.cls.id }, query: {} });
    expect(items.filter((m) => m.userId === newcomer.user.userId)).toEqual([
      expect.objectContaining({ role: 'student', source: 'granted', teamsBasis: null }),
    ]);
  });

  it('POST /join/:token 404 not_found for another tenant with a valid link, and for an unknown token', async () => {
    const w = await buildClass(t);
    const { token } = await w.owner.client.call('getJoinLink', { params: { classId: w.cls.id } });
    await expectApiError(
      w.otherTenant.client.call('joinByLink', { params: { token }, body: {} }),
      404,
      'not_found',
    );
    await expectApiError(
      w.outsider.client.call('joinByLink', { params: { token: 'a'.repeat(26) }, body: {} }),
      404,
      'not_found',
    );
    expect((await w.otherTenant.client.call('listClasses', {})).items).toEqual([]);
  });

  it('POST /join/:token 400 validation_failed for a malformed token', async () => {
    const w = await buildClass(t);
    for (const token of ['short', 'UPPERCASE'.repeat(4), 'x'.repeat(60)])
      await expectApiError(
        w.outsider.client.call('joinByLink', { params: { token }, body: {} }),
        400,
        'validation_failed',
      );
  });

  it('POST /join/:token 401 unauthenticated without a token', async () => {
    await expectApiError(
      t.anonymous().call('joinByLink', { params: { token: 'a'.repeat(26) }, body: {} }),
      401,
      'unauthenticated',
    );
  });

  it('POST /join/:token 401 invalid_token with a garbage token', async () => {
    await expectApiError(
      garbageClient(t).call('joinByLink', { params: { token: 'a'.repeat(26) }, body: {} }),
      401,
      'invalid_token',
    );
  });
});
