import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream } from '../../client/eventStream';
import type { SessionEventEnvelope } from '../../contract/events';
import { TEST_REDIS_URL, dropPgSchema, postgresAvailable, redisAvailable } from '../test/backends';
import { buildUser, startTestService, type TestService } from '../test/testService';

const cases =
  (await postgresAvailable()) && (await redisAvailable()) ? ['two instances, postgres + redis'] : [];

describe.each(cases)('session events across %s', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let a: TestService;
  let b: TestService;
  beforeAll(async () => {
    const env = { REDIS_URL: TEST_REDIS_URL };
    a = await startTestService({ backend: 'postgres', pgSchema: schema, env });
    b = await startTestService({ backend: 'postgres', pgSchema: schema, env });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await dropPgSchema(schema);
  });

  it('an event published on one instance reaches a stream on the other exactly once', async () => {
    const owner = buildUser();
    const oc = await a.as(owner);
    const cls = await oc.call('createClass', { body: { name: 'Cluster' } });
    const session = await oc.call('createSession', { params: { classId: cls.id }, body: { title: 'L1' } });
    const token = (await b.anonymous().call('createDevToken', { body: owner })).token;
    const got: SessionEventEnvelope[] = [];
    let open = false;
    const stream = openEventStream({
      baseUrl: b.url,
      sessionId: session.id,
      getToken: () => token,
      onEvent: (e) => got.push(e),
      onState: (s) => (open ||= s === 'open'),
    });
    try {
      for (let i = 0; i < 100 && !open; i++) await new Promise((r) => setTimeout(r, 20));
      await oc.call('endSession', { params: { sessionId: session.id }, body: {} });
      for (let i = 0; i < 100 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      expect(got).toHaveLength(1);
      expect(got[0]?.event).toMatchObject({ type: 'session_updated', session: { status: 'ended' } });
    } finally {
      stream.close();
    }
  });

  it('GET /readyz 200 reports redis ok on every instance', async () => {
    for (const s of [a, b]) {
      const res = await fetch(`${s.url}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ checks: { postgres: 'ok', redis: 'ok' } });
    }
  });
});
