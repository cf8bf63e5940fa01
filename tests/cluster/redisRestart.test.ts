import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable, redisAvailable } from '../../shared/server/test/backends';
import { buildUser } from '../../shared/server/test/testService';
import { startCluster, type Cluster } from './cluster';
import { subscribe, until, type Subscriber } from './follow';
import { startPrivateRedis, type PrivateRedis } from './privateRedis';

const cases = (await postgresAvailable()) && (await redisAvailable()) ? ['two instances'] : [];

/** `/readyz` of one instance: its status code and checks. */
async function readiness(url: string): Promise<{ status: number; checks: Record<string, string> }> {
  const res = await fetch(`${url}/readyz`);
  const body = (await res.json()) as { checks: Record<string, string> };
  return { status: res.status, checks: body.checks };
}

describe.each(cases)('Redis restarted under %s', () => {
  let redis: PrivateRedis;
  let c: Cluster;
  const subscribers: Subscriber[] = [];
  beforeAll(async () => {
    redis = await startPrivateRedis();
    c = await startCluster(2, { REDIS_URL: redis.url });
  }, 120_000);
  afterAll(async () => {
    for (const s of subscribers) s.handle.close();
    await c?.close();
    await redis?.close();
  });

  it(
    'the service says degraded in /readyz while Redis is down, keeps answering, and recovers without a restart',
    { timeout: 90_000 },
    async () => {
      const owner = buildUser();
      const token = await c.token(owner);
      const api = c.client(token, 0);
      const cls = await api.call('createClass', { body: { name: 'Redis restart' } });
      const session = await api.call('createSession', { params: { classId: cls.id }, body: { title: 'L1' } });
      for (const n of c.nodes) expect((await readiness(n.url)).status).toBe(200);

      await redis.kill();
      for (const n of c.nodes) {
        const end = Date.now() + 20_000;
        let r = await readiness(n.url);
        while (r.status !== 503 && Date.now() < end) {
          await new Promise((res) => setTimeout(res, 100));
          r = await readiness(n.url);
        }
        expect(r.status, `readyz on ${n.url}`).toBe(503);
        expect(Object.values(r.checks)).toContain('failing');
      }
      // Degraded, not dead: reads and writes that need only PostgreSQL still work.
      expect((await api.call('getSession', { params: { sessionId: session.id } })).id).toBe(session.id);

      await redis.start();
      for (const n of c.nodes) {
        const end = Date.now() + 30_000;
        let r = await readiness(n.url);
        while (r.status !== 200 && Date.now() < end) {
          await new Promise((res) => setTimeout(res, 100));
          r = await readiness(n.url);
        }
        expect(r, `readyz on ${n.url} after Redis is back`).toEqual({
          status: 200,
          checks: expect.any(Object) as object,
        });
      }
      // Events cross instances again: a round started on one reaches a subscriber of the other.
      const sub = await subscribe(c.nodes[1]!.url, token, session.id);
      subscribers.push(sub);
      const round = await api.call('startRound', {
        params: { sessionId: session.id },
        body: { round: { kind: 'muddiest_point' } },
      });
      await until(
        () => sub.rounds().some((r) => r.view.roundId === round.roundId),
        'the round on the other instance',
        20_000,
      );
    },
  );
});
