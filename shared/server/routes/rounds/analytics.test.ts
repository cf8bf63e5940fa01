import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoundAnalyticsSchema, SessionAnalyticsSchema } from '../../../contract/rounds';
import { PI_ROUND, buildRoundWorld, send, startRound } from '../../rounds/test/roundWorld';
import { storageBackends } from '../../test/backends';
import { expectApiError, garbageClient, wrong } from '../../test/factories';
import { startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();

describe.each(backends)('round analytics on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  async function answeredRound() {
    const w = await buildRoundWorld(t, 2);
    const r = await startRound(w, PI_ROUND, { eligibleCount: 4 });
    await send(w.students[0]!, r.roundId, { type: 'answer', option: 1, confidence: 'high' });
    await send(w.students[1]!, r.roundId, { type: 'answer', option: 0, confidence: 'low' });
    return { w, r };
  }

  it('GET /rounds/:roundId/analytics 200 a facilitator sees distributions and participation live', async () => {
    const { w, r } = await answeredRound();
    const a = RoundAnalyticsSchema.parse(
      await w.facilitator.client.call('getRoundAnalytics', { params: { roundId: r.roundId } }),
    );
    if (a.kind !== 'peer_instruction') throw new Error('expected Peer Instruction analytics');
    expect(a.before).toEqual({ counts: [1, 1, 0, 0], answered: 2, shareCorrect: 0.5 });
    expect(a.after).toBeNull();
    expect(a.participation.answering).toEqual({ count: 2, rate: 0.5 });
    expect(a.confidenceBefore).toEqual({ mean: 2, meanCorrect: 3, meanWrong: 1 });
  });

  it('GET /rounds/:roundId/analytics 400 validation_failed on a round id over 64 characters', async () => {
    const { w } = await answeredRound();
    const call = w.owner.client.call('getRoundAnalytics', { params: { roundId: wrong('r'.repeat(65)) } });
    await expectApiError(call, 400, 'validation_failed');
  });

  it('GET /rounds/:roundId/analytics 403 insufficient_role for a student', async () => {
    const { w, r } = await answeredRound();
    const call = w.students[0]!.client.call('getRoundAnalytics', { params: { roundId: r.roundId } });
    await expectApiError(call, 403, 'insufficient_role');
  });

  it('GET /rounds/:roundId/analytics 404 not_found for a non-member', async () => {
    const { w, r } = await answeredRound();
    await expectApiError(
      w.outsider.client.call('getRoundAnalytics', { params: { roundId: r.roundId } }),
      404,
      'not_found',
    );
  });

  it('GET /rounds/:roundId/analytics 404 not_found for another tenant', async () => {
    const { w, r } = await answeredRound();
    const call = w.otherTenant.client.call('getRoundAnalytics', { params: { roundId: r.roundId } });
    await expectApiError(call, 404, 'not_found');
  });

  it('GET /rounds/:roundId/analytics 401 unauthenticated without a token', async () => {
    const { r } = await answeredRound();
    await expectApiError(
      t.anonymous().call('getRoundAnalytics', { params: { roundId: r.roundId } }),
      401,
      'unauthenticated',
    );
  });

  it('GET /rounds/:roundId/analytics 401 invalid_token with a garbage token', async () => {
    const { r } = await answeredRound();
    await expectApiError(
      garbageClient(t).call('getRoundAnalytics', { params: { roundId: r.roundId } }),
      401,
      'invalid_token',
    );
  });

  it('GET /sessions/:sessionId/analytics 200 sums the rounds of a session', async () => {
    const { w } = await answeredRound();
    const muddy = await startRound(w, { kind: 'muddiest_point' });
    await send(w.students[0]!, muddy.roundId, { type: 'submitMuddy', text: 'Orbits' });
    await send(w.facilitator, muddy.roundId, { type: 'advance' });
    const s = SessionAnalyticsSchema.parse(
      await w.owner.client.call('getSessionAnalytics', { params: { sessionId: w.session.id } }),
    );
    expect(s.rounds).toEqual({
      peer_instruction: 1,
      question_round: 0,
      muddiest_point: 1,
      poll: 0,
      wordcloud: 0,
    });
    expect(s.completed).toBe(1);
    expect(s.muddyPoints).toBe(1);
    expect(s.peerInstruction.meanShareCorrectBefore).toBe(0.5);
  });

  it('GET /sessions/:sessionId/analytics 400 validation_failed on a session id over 64 characters', async () => {
    const { w } = await answeredRound();
    const call = w.owner.client.call('getSessionAnalytics', { params: { sessionId: wrong('s'.repeat(65)) } });
    await expectApiError(call, 400, 'validation_failed');
  });

  it('GET /sessions/:sessionId/analytics 403 insufficient_role for a student', async () => {
    const { w } = await answeredRound();
    const call = w.student.client.call('getSessionAnalytics', { params: { sessionId: w.session.id } });
    await expectApiError(call, 403, 'insufficient_role');
  });

  it('GET /sessions/:sessionId/analytics 404 not_found for a non-member', async () => {
    const { w } = await answeredRound();
    const call = w.outsider.client.call('getSessionAnalytics', { params: { sessionId: w.session.id } });
    await expectApiError(call, 404, 'not_found');
  });

  it('GET /sessions/:sessionId/analytics 404 not_found for another tenant', async () => {
    const { w } = await answeredRound();
    const call = w.otherTenant.client.call('getSessionAnalytics', { params: { sessionId: w.session.id } });
    await expectApiError(call, 404, 'not_found');
  });

  it('GET /sessions/:sessionId/analytics 401 unauthenticated without a token', async () => {
    const { w } = await answeredRound();
    const call = t.anonymous().call('getSessionAnalytics', { params: { sessionId: w.session.id } });
    await expectApiError(call, 401, 'unauthenticated');
  });

  it('GET /sessions/:sessionId/analytics 401 invalid_token with a garbage token', async () => {
    const { w } = await answeredRound();
    const call = garbageClient(t).call('getSessionAnalytics', { params: { sessionId: w.session.id } });
    await expectApiError(call, 401, 'invalid_token');
  });
});
