import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoundViewSchema } from '../../../contract/rounds';
import { PI_ROUND, buildRoundWorld, send, startRound } from '../../rounds/test/roundWorld';
import { storageBackends } from '../../test/backends';
import { expectApiError, garbageClient, wrong } from '../../test/factories';
import { startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();

describe.each(backends)('rounds on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  it('POST /sessions/:sessionId/rounds 201 starts a Peer Instruction round with the default durations', async () => {
    const w = await buildRoundWorld(t);
    const before = Date.now();
    const view = RoundViewSchema.parse(await startRound(w, PI_ROUND));
    expect(view).toMatchObject({ kind: 'peer_instruction', phase: 'answering', sessionId: w.session.id });
    expect(view.viewer.role).toBe('facilitator');
    expect(view.deadline! - before).toBeGreaterThanOrEqual(75_000 - 50);
    expect(view.deadline! - Date.now()).toBeLessThanOrEqual(75_000);
  });

  it('POST /sessions/:sessionId/rounds 201 leaves a round ready when start is false, and a start event opens it', async () => {
    const w = await buildRoundWorld(t);
    const view = await w.owner.client.call('startRound', {
      params: { sessionId: w.session.id },
      body: { round: { kind: 'muddiest_point' }, start: false },
    });
    expect(view).toMatchObject({ phase: 'ready', deadline: null });
    const started = await send(w.owner, view.roundId, { type: 'start', eligibleCount: 30 });
    expect(started.view.phase).toBe('collecting');
  });

  it('POST /sessions/:sessionId/rounds 400 validation_failed on an option index past the options', async () => {
    const w = await buildRoundWorld(t);
    await expectApiError(startRound(w, { ...PI_ROUND, correctOption: 4 }), 400, 'validation_failed');
    await expectApiError(startRound(w, wrong({ kind: 'quiz' })), 400, 'validation_failed');
  });

  it('POST /sessions/:sessionId/rounds 403 insufficient_role for a student', async () => {
    const w = await buildRoundWorld(t);
    const call = w.student.client.call('startRound', {
      params: { sessionId: w.session.id },
      body: { round: PI_ROUND },
    });
    await expectApiError(call, 403, 'insufficient_role');
    expect((await w.owner.client.call('listRounds', { params: { sessionId: w.session.id } })).items).toEqual(
      [],
    );
  });

  it('POST /sessions/:sessionId/rounds 404 not_found for a non-member', async () => {
    const w = await buildRoundWorld(t);
    const call = w.outsider.client.call('startRound', {
      params: { sessionId: w.session.id },
      body: { round: PI_ROUND },
    });
    await expectApiError(call, 404, 'not_found');
  });

  it('POST /sessions/:sessionId/rounds 404 not_found for another tenant', async () => {
    const w = await buildRoundWorld(t);
    const call = w.otherTenant.client.call('startRound', {
      params: { sessionId: w.session.id },
      body: { round: PI_ROUND },
    });
    await expectApiError(call, 404, 'not_found');
  });

  it('POST /sessions/:sessionId/rounds 409 session_ended once the session has ended', async () => {
    const w = await buildRoundWorld(t);
    await w.owner.client.call('endSession', { params: { sessionId: w.session.id }, body: {} });
    await expectApiError(startRound(w, PI_ROUND), 409, 'session_ended');
  });

  it('POST /sessions/:sessionId/rounds 401 unauthenticated without a token', async () => {
    const w = await buildRoundWorld(t);
    const call = t
      .anonymous()
      .call('startRound', { params: { sessionId: w.session.id }, body: { round: PI_ROUND } });
    await expectApiError(call, 401, 'unauthenticated');
  });

  it('POST /sessions/:sessionId/rounds 401 invalid_token with a garbage token', async () => {
    const w = await buildRoundWorld(t);
    const call = garbageClient(t).call('startRound', {
      params: { sessionId: w.session.id },
      body: { round: PI_ROUND },
    });
    await expectApiError(call, 401, 'invalid_token');
  });

  it('GET /sessions/:sessionId/rounds 200 lists newest first, each as the caller may see it', async () => {
    const w = await buildRoundWorld(t);
    const first = await startRound(w, PI_ROUND);
    await send(w.student, first.roundId, { type: 'answer', option: 1, confidence: 'high' });
    const second = await startRound(w, { kind: 'question_round', topic: 'Orbits' });
    const mine = await w.student.client.call('listRounds', { params: { sessionId: w.session.id } });
    expect(mine.items.map((r) => r.roundId)).toEqual([second.roundId, first.roundId]);
    const pi = mine.items[1]!;
    expect(pi.kind === 'peer_instruction' && pi.me?.answer).toEqual({ option: 1, confidence: 'high' });
    expect(pi.kind === 'peer_instruction' && pi.results).toBeNull();
    const theirs = await w.facilitator.client.call('listRounds', { params: { sessionId: w.session.id } });
    const fpi = theirs.items[1]!;
    expect(fpi.kind === 'peer_instruction' && fpi.students?.length).toBe(1);
  });

  it('GET /sessions/:sessionId/rounds 400 validation_failed on a session id over 64 characters', async () => {
    const w = await buildRoundWorld(t);
    const call = w.owner.client.call('listRounds', { params: { sessionId: wrong('s'.repeat(65)) } });
    await expectApiError(call, 400, 'validation_failed');
  });

  it('GET /sessions/:sessionId/rounds 404 not_found for a non-member', async () => {
    const w = await buildRoundWorld(t);
    await expectApiError(
      w.outsider.client.call('listRounds', { params: { sessionId: w.session.id } }),
      404,
      'not_found',
    );
  });

  it('GET /sessions/:sessionId/rounds 404 not_found for another tenant', async () => {
    const w = await buildRoundWorld(t);
    const call = w.otherTenant.client.call('listRounds', { params: { sessionId: w.session.id } });
    await expectApiError(call, 404, 'not_found');
  });

  it('GET /sessions/:sessionId/rounds 401 unauthenticated without a token', async () => {
    const w = await buildRoundWorld(t);
    await expectApiError(
      t.anonymous().call('listRounds', { params: { sessionId: w.session.id } }),
      401,
      'unauthenticated',
    );
  });

  it('GET /sessions/:sessionId/rounds 401 invalid_token with a garbage token', async () => {
    const w = await buildRoundWorld(t);
    await expectApiError(
      garbageClient(t).call('listRounds', { params: { sessionId: w.session.id } }),
      401,
      'invalid_token',
    );
  });

  it('GET /rounds/:roundId 200 a student sees their own answer and no results before the reveal', async () => {
    const w = await buildRoundWorld(t);
    const r = await startRound(w, PI_ROUND);
    await send(w.student, r.roundId, { type: 'answer', option: 2, confidence: 'low' });
    const view = RoundViewSchema.parse(
      await w.student.client.call('getRound', { params: { roundId: r.roundId } }),
    );
    if (view.kind !== 'peer_instruction') throw new Error('expected a Peer Instruction view');
    expect(view).toMatchObject({ answeredCount: 1, results: null, students: null, correctOption: null });
    expect(view.me).toEqual({ answer: { option: 2, confidence: 'low' }, revote: null, group: null });
  });

  it('GET /rounds/:roundId 400 validation_failed on a round id over 64 characters', async () => {
    const w = await buildRoundWorld(t);
    const call = w.owner.client.call('getRound', { params: { roundId: wrong('r'.repeat(65)) } });
    await expectApiError(call, 400, 'validation_failed');
  });

  it('GET /rounds/:roundId 404 not_found for a non-member and for an unknown id', async () => {
    const w = await buildRoundWorld(t);
    const r = await startRound(w, PI_ROUND);
    await expectApiError(
      w.outsider.client.call('getRound', { params: { roundId: r.roundId } }),
      404,
      'not_found',
    );
    await expectApiError(
      w.owner.client.call('getRound', { params: { roundId: wrong('rnd_unknown') } }),
      404,
      'not_found',
    );
  });

  it('GET /rounds/:roundId 404 not_found for another tenant with the same user id', async () => {
    const w = await buildRoundWorld(t);
    const r = await startRound(w, PI_ROUND);
    await expectApiError(
      w.otherTenant.client.call('getRound', { params: { roundId: r.roundId } }),
      404,
      'not_found',
    );
  });

  it('GET /rounds/:roundId 401 unauthenticated without a token', async () => {
    const w = await buildRoundWorld(t);
    const r = await startRound(w, PI_ROUND);
    await expectApiError(
      t.anonymous().call('getRound', { params: { roundId: r.roundId } }),
      401,
      'unauthenticated',
    );
  });

  it('GET /rounds/:roundId 401 invalid_token with a garbage token', async () => {
    const w = await buildRoundWorld(t);
    const r = await startRound(w, PI_ROUND);
    await expectApiError(
      garbageClient(t).call('getRound', { params: { roundId: r.roundId } }),
      401,
      'invalid_token',
    );
  });
});
