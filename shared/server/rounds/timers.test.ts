import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { actor } from '../test/factories';
import { startTestService, type TestService } from '../test/testService';
import { PI_ROUND, follow, roundInPhase, send, until } from './test/roundWorld';

/** The shortest phase the contract allows, so the test waits as little as possible. */
const ANSWERING_MS = 10_000;

describe('round deadlines across a restart (SQLite file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stoa-rounds-'));
  const env = { SQLITE_PATH: join(dir, 'stoa.db'), ROUND_TIMER_POLL_MS: '50' };
  const services: TestService[] = [];
  afterAll(async () => {
    for (const s of services) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'fires a deadline that passed while the service was down, on the next start, once',
    { timeout: 40_000 },
    async () => {
      const first = await startTestService({ backend: 'sqlite', env });
      services.push(first);
      const owner = await actor(first);
      const cls = await owner.client.call('createClass', { body: { name: 'Mechanics' } });
      const session = await owner.client.call('createSession', {
        params: { classId: cls.id },
        body: { title: 'L1' },
      });
      const students = [await actor(first), await actor(first)];
      for (const s of students) {
        await s.client.call('joinClass', { params: { classId: cls.id }, body: { joinCode: cls.joinCode! } });
      }
      const round = await owner.client.call('startRound', {
        params: { sessionId: session.id },
        body: { round: { ...PI_ROUND, settings: { durations: { answering: ANSWERING_MS } } } },
      });
      for (const [i, s] of students.entries()) {
        await send(s, round.roundId, { type: 'answer', option: i, confidence: 'high' }, `k${i}`);
      }
      await first.close();

      // Down past the deadline.
      await new Promise((r) => setTimeout(r, Math.max(0, round.deadline! - Date.now()) + 200));
      const second = await startTestService({ backend: 'sqlite', env });
      services.push(second);
      const again = await second.as(owner.user);
      await roundInPhase(again, round.roundId, 'gate', 5000);
      const view = await again.call('getRound', { params: { roundId: round.roundId } });
      expect(view.kind === 'peer_instruction' && view.gating).toMatchObject({ answered: 2, correct: 1 });

      // The log replayed from the start shows the phase change once; the timer closed it as the system.
      const stream = await follow(second, students[0]!.user, session.id, true);
      await until(() => stream.views().some((v) => v.phase === 'gate'), 5000, 'the phase change in the log');
      stream.handle.close();
      const phases = stream.got.flatMap((e) =>
        e.event.type === 'round_updated' && e.event.change === 'phase' ? [e.event.view.phase] : [],
      );
      expect(phases).toEqual(['answering', 'gate']);
      const closes = await second.service.context.storage.database.db
        .selectFrom('round_events')
        .select(['actor_id', 'event'])
        .where('round_id', '=', round.roundId)
        .where('event', 'like', '%closePhase%')
        .execute();
      expect(closes).toEqual([
        { actor_id: 'stoa:system', event: JSON.stringify({ type: 'closePhase', phase: 'answering' }) },
      ]);
    },
  );
});
