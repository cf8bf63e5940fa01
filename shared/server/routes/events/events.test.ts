import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream, type EventStreamHandle } from '../../../client/eventStream';
import type { SessionEventEnvelope } from '../../../contract/events';
import { storageBackends } from '../../test/backends';
import { buildUser, startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(backends)('session event stream on %s', (backend) => {
  let t: TestService;
  const streams: EventStreamHandle[] = [];
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await t.close();
  });

  async function setup() {
    const owner = buildUser();
    const student = buildUser();
    const outsider = buildUser({ tenantId: 'tenant-b' });
    const oc = await t.as(owner);
    const cls = await oc.call('createClass', { body: { name: 'Events' } });
    await (
      await t.as(student)
    ).call('joinClass', { params: { classId: cls.id }, body: { joinCode: cls.joinCode! } });
    const session = await oc.call('createSession', {
      params: { classId: cls.id },
      body: { title: 'Lecture 1' },
    });
    return { owner, student, outsider, oc, session };
  }

  async function follow(user: ReturnType<typeof buildUser>, sessionId: string, lastEventId?: number) {
    const token = (await t.anonymous().call('createDevToken', { body: user })).token;
    const got: SessionEventEnvelope[] = [];
    const states: string[] = [];
    const handle = openEventStream({
      baseUrl: t.url,
      sessionId,
      getToken: () => token,
      onEvent: (e) => got.push(e),
      onState: (s) => states.push(s),
      ...(lastEventId !== undefined ? { lastEventId } : {}),
    });
    streams.push(handle);
    await until(() => states.includes('open') || states.includes('closed'));
    return { got, states, handle };
  }

  it('GET /sessions/:id/events 200 delivers each event only to its audience', async () => {
    const { owner, student, session } = await setup();
    const fac = await follow(owner, session.id);
    const stu = await follow(student, session.id);
    const events = t.service.context.events;
    const ended = { ...session, status: 'ended' as const };
    await events.publish(session.id, { kind: 'facilitators' }, { type: 'session_updated', session: ended });
    await events.publish(
      session.id,
      { kind: 'user', userId: student.userId },
      { type: 'hello', sessionId: session.id, role: 'student' },
    );
    await events.publish(session.id, { kind: 'all' }, { type: 'session_updated', session });
    await until(() => fac.got.length === 2 && stu.got.length === 2);
    expect(fac.got.map((e) => e.event.type)).toEqual(['session_updated', 'session_updated']);
    expect(stu.got.map((e) => e.event.type)).toEqual(['hello', 'session_updated']);
    expect(stu.got.every((e) => e.sessionId === session.id)).toBe(true);
  });

  it('GET /sessions/:id/events 200 resumes after a drop with Last-Event-ID and loses nothing', async () => {
    const { owner, student, oc, session } = await setup();
    const first = await follow(student, session.id);
    const events = t.service.context.events;
    await events.publish(session.id, { kind: 'all' }, { type: 'session_updated', session });
    await until(() => first.got.length === 1);
    first.handle.close();
    const last = first.handle.lastEventId;
    await events.publish(session.id, { kind: 'all' }, { type: 'session_updated', session });
    await oc.call('endSession', { params: { sessionId: session.id }, body: {} });
    const resumed = await follow(student, session.id, last);
    await until(() => resumed.got.length === 2);
    expect(resumed.got[1]?.event).toMatchObject({ type: 'session_updated', session: { status: 'ended' } });
    expect(resumed.got[0]!.id).toBeGreaterThan(last);
    void owner;
  });

  it('GET /sessions/:sessionId/events 401 unauthenticated without a token', async () => {
    const { session } = await setup();
    const res = await fetch(`${t.url}/api/v1/sessions/${session.id}/events`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe('unauthenticated');
  });

  it('GET /sessions/:sessionId/events 401 invalid_token with a bad token', async () => {
    const { session } = await setup();
    const res = await fetch(`${t.url}/api/v1/sessions/${session.id}/events`, {
      headers: { authorization: 'Bearer not.a.token' },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe('invalid_token');
  });

  it('GET /sessions/:sessionId/events 400 validation_failed on a bad since', async () => {
    const { owner, session } = await setup();
    const token = (await t.anonymous().call('createDevToken', { body: owner })).token;
    const res = await fetch(`${t.url}/api/v1/sessions/${session.id}/events?since=-4`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe('validation_failed');
  });

  it('GET /sessions/:sessionId/events 404 not_found for another tenant and for a non-member', async () => {
    const { outsider, session } = await setup();
    const other = await follow(outsider, session.id);
    expect(other.states).toContain('closed');
    expect(other.got).toHaveLength(0);
    const stranger = await follow(buildUser(), session.id);
    expect(stranger.states).toContain('closed');
  });
});
