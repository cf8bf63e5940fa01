import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionSchema } from '../../../contract/sessions';
import { storageBackends } from '../../test/backends';
import { buildClass, buildSession, expectApiError, garbageClient, wrong } from '../../test/factories';
import { startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();

describe.each(backends)('one session on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  it('GET /sessions/:sessionId 200 a student of the class sees it', async () => {
    const w = await buildClass(t);
    const s = await buildSession(w, 'Optics');
    const seen = SessionSchema.parse(
      await w.student.client.call('getSession', { params: { sessionId: s.id } }),
    );
    expect(seen).toEqual(s);
  });

  it('GET /sessions/:sessionId 400 validation_failed on a session id over 64 characters', async () => {
    const w = await buildClass(t);
    const call = w.owner.client.call('getSession', { params: { sessionId: wrong('s'.repeat(65)) } });
    await expectApiError(call, 400, 'validation_failed');
  });

  it('GET /sessions/:sessionId 404 not_found for a non-member', async () => {
    const w = await buildClass(t);
    const s = await buildSession(w);
    await expectApiError(
      w.outsider.client.call('getSession', { params: { sessionId: s.id } }),
      404,
      'not_found',
    );
  });

  it('GET /sessions/:sessionId 404 not_found for another tenant, leaking nothing', async () => {
    const w = await buildClass(t);
    const s = await buildSession(w, 'Private title');
    const err = await expectApiError(
      w.otherTenant.client.call('getSession', { params: { sessionId: s.id } }),
      404,
      'not_found',
    );
    expect(err.message).not.toContain('Private');
    expect(err.details).toBeUndefined();
  });

  it('GET /sessions/:sessionId 404 not_found for a member who left, and for an unknown id', async () => {
    const w = await buildClass(t);
    const s = await buildSession(w);
    await w.student.client.call('leaveClass', { params: { classId: w.cls.id }, body: {} });
    await expectApiError(
      w.student.client.call('getSession', { params: { sessionId: s.id } }),
      404,
      'not_found',
    );
    const unknown = w.owner.client.call('getSession', { params: { sessionId: wrong('ses_unknown') } });
    await expectApiError(unknown, 404, 'not_found');
  });

  it('GET /sessions/:sessionId 401 unauthenticated without a token', async () => {
    const w = await buildClass(t);
    const s = await buildSession(w);
    await expectApiError(
      t.anonymous().call('getSession', { params: { sessionId: s.id } }),
      401,
      'unauthenticated',
    );
  });

  it('GET /sessions/:sessionId 401 invalid_token with a garbage token', async () => {
    const w = await buildClass(t);
    const s = await buildSession(w);
    await expectApiError(
      garbageClient(t).call('getSession', { params: { sessionId: s.id } }),
      401,
      'invalid_token',
    );
  });

  it('POST /sessions/:sessionId/end 200 a facilitator ends it, and ending again changes nothing', async () => {
    const w = await buildClass(t);
    const s = await buildSession(w);
    const params = { sessionId: s.id };
    const ended = SessionSchema.parse(await w.facilitator.client.call('endSession', { params, body: {} }));
    expect(ended).toMatchObject({ id: s.id, status: 'ended' });
    expect(ended.endedAt).not.toBeNull();
    const again = await w.owner.client.call('endSession', { params, body: {} });
    expect(again).toEqual(ended);
    expect(await w.student.client.call('getSession', { params })).toEqual(ended);
  });

  it('POST /sessions/:sessionId/end 400 validation_failed on a body with fields', async () => {
    const w = await buildClass(t);
    const s = await buildSession(w);
    const call = w.owner.client.call('endSession', {
      params: { sessionId: s.id },
      body: wrong({ at: 'now' }),
    });
    await expectApiError(call, 400, 'validation_failed');
  });

  it('POST /sessions/:sessionId/end 403 insufficient_role for a student', async () => {
    const w = await buildClass(t);
    const s = await buildSession(w);
    const call = w.student.client.call('endSession', { params: { sessionId: s.id }, body: {} });
    await expectApiError(call, 403, 'insufficient_role');
    expect((await w.owner.client.call('getSession', { params: { sessionId: s.id } })).status).toBe('live');
  });

  it('POST /sessions/:sessionId/end 404 not_found for a non-member', async () => {
    const w = await buildClass(t);
    const s = await buildSession(w);
    const call = w.outsider.client.call('endSession', { params: { sessionId: s.id }, body: {} });
    await expectApiError(call, 404, 'not_found');
  });

  it('POST /sessions/:sessionId/end 404 not_found for another tenant', async () => {
    const w = await buildClass(t);
    const s = await buildSession(w);
    const call = w.otherTenant.client.call('endSession', { params: { sessionId: s.id }, body: {} });
    await expectApiError(call, 404, 'not_found');
    expect((await w.owner.client.call('getSession', { params: { sessionId: s.id } })).status).toBe('live');
  });

  it('POST /sessions/:sessionId/end 401 unauthenticated without a token', async () => {
    const w = await buildClass(t);
    const s = await buildSession(w);
    const call = t.anonymous().call('endSession', { params: { sessionId: s.id }, body: {} });
    await expectApiError(call, 401, 'unauthenticated');
  });

  it('POST /sessions/:sessionId/end 401 invalid_token with a garbage token', async () => {
    const w = await buildClass(t);
    const s = await buildSession(w);
    const call = garbageClient(t).call('endSession', { params: { sessionId: s.id }, body: {} });
    await expectApiError(call, 401, 'invalid_token');
  });
});
