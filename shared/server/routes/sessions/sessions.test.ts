import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionPageSchema } from '../../../contract/api';
import { SessionSchema } from '../../../contract/sessions';
import { storageBackends } from '../../test/backends';
import { buildClass, buildSession, expectApiError, garbageClient, wrong } from '../../test/factories';
import { startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();

describe.each(backends)('class sessions on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  it('POST /classes/:classId/sessions 201 a facilitator starts a live session', async () => {
    const w = await buildClass(t);
    const before = Date.now();
    const s = SessionSchema.parse(
      await w.facilitator.client.call('createSession', {
        params: { classId: w.cls.id },
        body: { title: ' Week 1: Kinematics ' },
      }),
    );
    expect(s).toMatchObject({
      classId: w.cls.id,
      title: 'Week 1: Kinematics',
      status: 'live',
      createdBy: w.facilitator.user.userId,
      endedAt: null,
    });
    expect(Date.parse(s.startedAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('POST /classes/:classId/sessions 400 validation_failed on wrong types, unknown and missing fields', async () => {
    const w = await buildClass(t);
    const bad: unknown[] = [
      {},
      { title: 42 },
      { title: '  ' },
      { title: 't'.repeat(201) },
      { title: 'ok', live: 1 },
    ];
    for (const body of bad) {
      await expectApiError(
        w.owner.client.call('createSession', {
          params: { classId: w.cls.id },
          body: wrong(body),
        }),
        400,
        'validation_failed',
      );
    }
  });

  it('POST /classes/:classId/sessions 403 insufficient_role for a student', async () => {
    const w = await buildClass(t);
    const call = w.student.client.call('createSession', {
      params: { classId: w.cls.id },
      body: { title: 'x' },
    });
    await expectApiError(call, 403, 'insufficient_role');
    const page = await w.owner.client.call('listSessions', { params: { classId: w.cls.id } });
    expect(page.items).toEqual([]);
  });

  it('POST /classes/:classId/sessions 404 not_found for a non-member', async () => {
    const w = await buildClass(t);
    const call = w.outsider.client.call('createSession', {
      params: { classId: w.cls.id },
      body: { title: 'x' },
    });
    await expectApiError(call, 404, 'not_found');
  });

  it('POST /classes/:classId/sessions 404 not_found for another tenant', async () => {
    const w = await buildClass(t);
    const call = w.otherTenant.client.call('createSession', {
      params: { classId: w.cls.id },
      body: { title: 'x' },
    });
    await expectApiError(call, 404, 'not_found');
  });

  it('POST /classes/:classId/sessions 401 unauthenticated without a token', async () => {
    const w = await buildClass(t);
    const call = t.anonymous().call('createSession', { params: { classId: w.cls.id }, body: { title: 'x' } });
    await expectApiError(call, 401, 'unauthenticated');
  });

  it('POST /classes/:classId/sessions 401 invalid_token with a garbage token', async () => {
    const w = await buildClass(t);
    const call = garbageClient(t).call('createSession', {
      params: { classId: w.cls.id },
      body: { title: 'x' },
    });
    await expectApiError(call, 401, 'invalid_token');
  });

  it('GET /classes/:classId/sessions 200 lists sessions newest first to a student', async () => {
    const w = await buildClass(t);
    const first = await buildSession(w, 'Lecture 1');
    const second = await buildSession(w, 'Lecture 2');
    const page = SessionPageSchema.parse(
      await w.student.client.call('listSessions', { params: { classId: w.cls.id } }),
    );
    expect(page.items.map((s) => s.id)).toEqual(
      Date.parse(second.startedAt) === Date.parse(first.startedAt) && second.id < first.id
        ? [first.id, second.id]
        : [second.id, first.id],
    );
    expect(page.nextCursor).toBeNull();
  });

  it('GET /classes/:classId/sessions 200 does not mix in sessions of other classes', async () => {
    const a = await buildClass(t);
    const b = await buildClass(t);
    await buildSession(b, 'Elsewhere');
    const page = await a.owner.client.call('listSessions', { params: { classId: a.cls.id } });
    expect(page.items).toEqual([]);
  });

  it('GET /classes/:classId/sessions 400 validation_failed on a bad limit or unknown query field', async () => {
    const w = await buildClass(t);
    for (const query of [{ limit: 201 }, { limit: -1 }, { status: 'live' }]) {
      await expectApiError(
        w.owner.client.call('listSessions', {
          params: { classId: w.cls.id },
          query: wrong(query),
        }),
        400,
        'validation_failed',
      );
    }
  });

  it('GET /classes/:classId/sessions 404 not_found for a non-member', async () => {
    const w = await buildClass(t);
    await buildSession(w);
    const call = w.outsider.client.call('listSessions', { params: { classId: w.cls.id } });
    await expectApiError(call, 404, 'not_found');
  });

  it('GET /classes/:classId/sessions 404 not_found for another tenant', async () => {
    const w = await buildClass(t);
    await buildSession(w);
    const call = w.otherTenant.client.call('listSessions', { params: { classId: w.cls.id } });
    await expectApiError(call, 404, 'not_found');
  });

  it('GET /classes/:classId/sessions 401 unauthenticated without a token', async () => {
    const w = await buildClass(t);
    const call = t.anonymous().call('listSessions', { params: { classId: w.cls.id } });
    await expectApiError(call, 401, 'unauthenticated');
  });

  it('GET /classes/:classId/sessions 401 invalid_token with a garbage token', async () => {
    const w = await buildClass(t);
    const call = garbageClient(t).call('listSessions', { params: { classId: w.cls.id } });
    await expectApiError(call, 401, 'invalid_token');
  });
});
