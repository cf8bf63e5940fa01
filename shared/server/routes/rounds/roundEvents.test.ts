import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoundEventResultSchema } from '../../../contract/roundsApi';
import { PI_ROUND, buildRoundWorld, send, startRound } from '../../rounds/test/roundWorld';
import { storageBackends } from '../../test/backends';
import { botActingFor, expectApiError, garbageClient, wrong } from '../../test/factories';
import { startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();

const answered = (view: { kind: string; answeredCount?: number }) => view.answeredCount;

describe.each(backends)('round events on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  it('POST /rounds/:roundId/events 200 records an answer once; a retry with its key answers duplicate', async () => {
    const w = await buildRoundWorld(t);
    const r = await startRound(w, PI_ROUND);
    const answer = { type: 'answer' as const, option: 1, confidence: 'medium' as const };
    const first = RoundEventResultSchema.parse(await send(w.student, r.roundId, answer, 'k-1'));
    expect(first.duplicate).toBe(false);
    const again = await send(w.student, r.roundId, answer, 'k-1');
    expect(again.duplicate).toBe(true);
    expect(again.view).toEqual({ ...first.view, deadline: first.view.deadline });
    const view = await w.owner.client.call('getRound', { params: { roundId: r.roundId } });
    expect(answered(view)).toBe(1);
  });

  it('POST /rounds/:roundId/events 200 concurrent retries with one key are counted once', async () => {
    const w = await buildRoundWorld(t);
    const r = await startRound(w, PI_ROUND);
    const bot = await botActingFor(t, w.student.user);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        bot.call('sendRoundEvent', {
          params: { roundId: r.roundId },
          body: { event: { type: 'answer', option: 3, confidence: 'high' }, idempotencyKey: 'invoke-77' },
        }),
      ),
    );
    expect(results.filter((x) => !x.duplicate)).toHaveLength(1);
    const view = await w.owner.client.call('getRound', { params: { roundId: r.roundId } });
    expect(answered(view)).toBe(1);
  });

  it('POST /rounds/:roundId/events 200 the key inside the event works like the request key', async () => {
    const w = await buildRoundWorld(t);
    const r = await startRound(w, { kind: 'question_round', topic: 'Tides' });
    const ask = { type: 'ask' as const, text: 'Why are there two tides a day?', idempotencyKey: 'ask-1' };
    expect((await send(w.student, r.roundId, ask)).duplicate).toBe(false);
    expect((await send(w.student, r.roundId, ask)).duplicate).toBe(true);
    const view = await w.owner.client.call('getRound', { params: { roundId: r.roundId } });
    expect(view.kind === 'question_round' && view.questions.length).toBe(1);
  });

  it('POST /rounds/:roundId/events 409 round_refused already_answered for a second answer with a new key', async () => {
    const w = await buildRoundWorld(t);
    const r = await startRound(w, PI_ROUND);
    await send(w.student, r.roundId, { type: 'answer', option: 0, confidence: 'low' }, 'a');
    const err = await expectApiError(
      send(w.student, r.roundId, { type: 'answer', option: 1, confidence: 'low' }, 'b'),
      409,
      'round_refused',
    );
    expect(err.details).toEqual({ reason: 'already_answered' });
  });

  it('POST /rounds/:roundId/events 409 round_refused wrong_phase, unknown_option and round_over', async () => {
    const w = await buildRoundWorld(t);
    const r = await startRound(w, PI_ROUND);
    const revote = await expectApiError(
      send(w.student, r.roundId, { type: 'revote', option: 1, confidence: 'low' }),
      409,
      'round_refused',
    );
    expect(revote.details).toEqual({ reason: 'wrong_phase' });
    const option = await expectApiError(
      send(w.student, r.roundId, { type: 'answer', option: 5, confidence: 'low' }),
      409,
      'round_refused',
    );
    expect(option.details).toEqual({ reason: 'unknown_option' });
    await send(w.facilitator, r.roundId, { type: 'cancel' });
    const over = await expectApiError(
      send(w.facilitator, r.roundId, { type: 'advance' }),
      409,
      'round_refused',
    );
    expect(over.details).toEqual({ reason: 'round_over' });
  });

  it('POST /rounds/:roundId/events 400 validation_failed on a malformed event and on an event of another kind', async () => {
    const w = await buildRoundWorld(t);
    const r = await startRound(w, PI_ROUND);
    await expectApiError(
      send(w.student, r.roundId, wrong({ type: 'answer', option: 'B' })),
      400,
      'validation_failed',
    );
    await expectApiError(
      send(w.student, r.roundId, { type: 'submitMuddy', text: 'Tides' }),
      400,
      'validation_failed',
    );
  });

  it('POST /rounds/:roundId/events 403 insufficient_role when a student sends facilitator events', async () => {
    const w = await buildRoundWorld(t);
    const r = await startRound(w, PI_ROUND);
    for (const event of [
      { type: 'advance' as const },
      { type: 'cancel' as const },
      { type: 'closePhase' as const, phase: 'answering' as const },
    ]) {
      const err = await expectApiError(send(w.student, r.roundId, event), 403, 'insufficient_role');
      expect(err.details).toEqual({ reason: 'not_allowed' });
    }
    const view = await w.owner.client.call('getRound', { params: { roundId: r.roundId } });
    expect(view.phase).toBe('answering');
    // And a facilitator cannot vote as a student.
    await expectApiError(
      send(w.facilitator, r.roundId, { type: 'answer', option: 1, confidence: 'low' }),
      403,
      'insufficient_role',
    );
  });

  it('POST /rounds/:roundId/events 404 not_found for a non-member', async () => {
    const w = await buildRoundWorld(t);
    const r = await startRound(w, PI_ROUND);
    await expectApiError(send(w.outsider, r.roundId, { type: 'join' }), 404, 'not_found');
  });

  it('POST /rounds/:roundId/events 404 not_found for another tenant, and for the bot acting for one', async () => {
    const w = await buildRoundWorld(t);
    const r = await startRound(w, PI_ROUND);
    await expectApiError(send(w.otherTenant, r.roundId, { type: 'join' }), 404, 'not_found');
    const bot = await botActingFor(t, w.otherTenant.user);
    const call = bot.call('sendRoundEvent', {
      params: { roundId: r.roundId },
      body: { event: { type: 'join' } },
    });
    await expectApiError(call, 404, 'not_found');
  });

  it('POST /rounds/:roundId/events 401 unauthenticated without a token', async () => {
    const w = await buildRoundWorld(t);
    const r = await startRound(w, PI_ROUND);
    const call = t
      .anonymous()
      .call('sendRoundEvent', { params: { roundId: r.roundId }, body: { event: { type: 'join' } } });
    await expectApiError(call, 401, 'unauthenticated');
  });

  it('POST /rounds/:roundId/events 401 invalid_token with a garbage token', async () => {
    const w = await buildRoundWorld(t);
    const r = await startRound(w, PI_ROUND);
    const call = garbageClient(t).call('sendRoundEvent', {
      params: { roundId: r.roundId },
      body: { event: { type: 'join' } },
    });
    await expectApiError(call, 401, 'invalid_token');
  });

  it('POST /rounds/:roundId/events 200 the bot answers for a student, and the deadline is enforced by the facilitator closing', async () => {
    const w = await buildRoundWorld(t, 3);
    const r = await startRound(w, PI_ROUND);
    for (const [i, s] of w.students.entries()) {
      const bot = await botActingFor(t, s.user);
      await bot.call('sendRoundEvent', {
        params: { roundId: r.roundId },
        body: { event: { type: 'answer', option: i % 2, confidence: 'medium' }, idempotencyKey: `inv-${i}` },
      });
    }
    const closed = await send(w.facilitator, r.roundId, { type: 'closePhase', phase: 'answering' });
    expect(closed.view.phase).toBe('gate');
    const late = await expectApiError(
      send(w.student, r.roundId, { type: 'answer', option: 1, confidence: 'low' }),
      409,
      'round_refused',
    );
    expect(late.details).toEqual({ reason: 'wrong_phase' });
    expect(closed.view.kind === 'peer_instruction' && closed.view.gating).toMatchObject({
      answered: 3,
      correct: 1,
    });
  });
});
