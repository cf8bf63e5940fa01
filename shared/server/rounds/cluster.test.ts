import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL, dropPgSchema, postgresAvailable, redisAvailable } from '../test/backends';
import { testSchemaName } from '../test/database';
import { actor } from '../test/factories';
import { startTestService, type TestService } from '../test/testService';
import { PI_ROUND, follow, roundInPhase, send, until, type Followed } from './test/roundWorld';

const cases =
  (await postgresAvailable()) && (await redisAvailable()) ? ['two instances, postgres + redis'] : [];

describe.each(cases)('round deadlines with %s', () => {
  const schema = testSchemaName();
  let a: TestService;
  let b: TestService;
  const streams: Followed[] = [];
  beforeAll(async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, ROUND_TIMER_POLL_MS: '50' };
    a = await startTestService({ backend: 'postgres', pgSchema: schema, env });
    b = await startTestService({ backend: 'postgres', pgSchema: schema, env });
  });
  afterAll(async () => {
    for (const s of streams) s.handle.close();
    await a.close();
    await b.close();
    await dropPgSchema(schema);
  });

  it(
    'counts answers sent to both instances once and fires the deadline exactly once for both streams',
    { timeout: 40_000 },
    async () => {
      const owner = await actor(a);
      const cls = await owner.client.call('createClass', { body: { name: 'Cluster' } });
      const session = await owner.client.call('createSession', {
        params: { classId: cls.id },
        body: { title: 'L1' },
      });
      const students = await Promise.all(Array.from({ length: 10 }, (_, i) => actor(i % 2 ? a : b)));
      for (const s of students) {
        await s.client.call('joinClass', { params: { classId: cls.id }, body: { joinCode: cls.joinCode! } });
      }
      const onA = await follow(a, owner.user, session.id);
      const onB = await follow(b, students[0]!.user, session.id);
      streams.push(onA, onB);

      const round = await owner.client.call('startRound', {
        params: { sessionId: session.id },
        body: { round: { ...PI_ROUND, settings: { durations: { answering: 10_000 } } } },
      });
      // Students on both instances answer at once, each twice (a retry) : one counted answer each.
      await Promise.all(
        students.flatMap((s, i) => [
          send(s, round.roundId, { type: 'answer', option: i % 4, confidence: 'medium' }, `k${i}`),
          send(s, round.roundId, { type: 'answer', option: i % 4, confidence: 'medium' }, `k${i}`),
        ]),
      );
      const onOther = await b.as(owner.user);
      const gate = await roundInPhase(onOther, round.roundId, 'gate', 15_000);
      expect(gate.kind === 'peer_instruction' && gate.gating?.answered).toBe(10);

      const phaseEvents = (f: Followed) =>
        f.got.filter(
          (e) =>
            e.event.type === 'round_updated' && e.event.change === 'phase' && e.event.view.phase === 'gate',
        );
      await until(
        () => phaseEvents(onA).length > 0 && phaseEvents(onB).length > 0,
        5000,
        'the gate on both streams',
      );
      await new Promise((r) => setTimeout(r, 500));
      // Once for each audience the stream may see: the facilitator's and the public view on A, the public on B.
      expect(
        phaseEvents(onA)
          .map((e) => e.event.type === 'round_updated' && e.event.view.viewer.role)
          .sort(),
      ).toEqual(['facilitator', 'student']);
      expect(phaseEvents(onB)).toHaveLength(1);
      const closes = await a.service.context.storage.database.db
        .selectFrom('round_events')
        .select(['actor_id'])
        .where('round_id', '=', round.roundId)
        .where('event', 'like', '%closePhase%')
        .execute();
      expect(closes).toEqual([{ actor_id: 'stoa:system' }]);
      const answers = await a.service.context.storage.database.db
        .selectFrom('round_events')
        .select(['seq'])
        .where('round_id', '=', round.roundId)
        .where('event', 'like', '%"answer"%')
        .execute();
      expect(answers).toHaveLength(10);
    },
  );
});
