import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassDashboardSchema, SessionDashboardSchema } from '../../../contract/dashboard';
import { PI_ROUND, buildRoundWorld, send, startRound, type RoundWorld } from '../../rounds/test/roundWorld';
import { storageBackends } from '../../test/backends';
import { expectApiError, garbageClient, wrong } from '../../test/factories';
import { startTestService, type TestService } from '../../test/testService';
import { editNote, flagBlock, writeBlocks } from './test/flaggedNote';

const backends = await storageBackends();

describe.each(backends)('facilitator dashboard on %s', (backend) => {
  let t: TestService;
  let w: RoundWorld;

  beforeAll(async () => {
    t = await startTestService({ backend });
    // Four students: two answer wrong then right, one right twice, one only the first vote.
    w = await buildRoundWorld(t, 4);
    const r = await startRound(w, PI_ROUND, { eligibleCount: 5 });
    const [s1, s2, s3, s4] = w.students as [RoundWorld['student'], ...RoundWorld['student'][]];
    await send(s1, r.roundId, { type: 'answer', option: 0, confidence: 'low' });
    await send(s2!, r.roundId, { type: 'answer', option: 2, confidence: 'low' });
    await send(s3!, r.roundId, { type: 'answer', option: 1, confidence: 'high' });
    await send(s4!, r.roundId, { type: 'answer', option: 3, confidence: 'medium' });
    await send(w.facilitator, r.roundId, { type: 'closePhase', phase: 'answering' });
    await send(w.facilitator, r.roundId, { type: 'advance', to: 'discussion' });
    await send(w.facilitator, r.roundId, { type: 'advance', to: 'revote' });
    await send(s1, r.roundId, { type: 'revote', option: 1, confidence: 'high' });
    await send(s2!, r.roundId, { type: 'revote', option: 1, confidence: 'medium' });
    await send(s3!, r.roundId, { type: 'revote', option: 1, confidence: 'high' });
    await editNote(t, w.student.user, w.session.id, (doc) => {
      writeBlocks(doc, [
        { heading: 'Orbits', level: 2 },
        { text: 'Planets move in ellipses.' },
        { heading: 'Tides', level: 2 },
        { text: 'The Moon pulls the oceans.' },
      ]);
      flagBlock(doc, 1, { userId: w.student.user.userId, name: w.student.user.name });
      flagBlock(doc, 1, { userId: 'someone', name: 'Someone' }, { resolved: true });
      flagBlock(doc, 3, { userId: 'someone', name: 'Someone' });
    });
  });
  afterAll(() => t.close());

  const sessionParams = () => ({ params: { sessionId: w.session.id } });
  const classParams = () => ({ params: { classId: w.cls.id } });

  // --- GET /sessions/:sessionId/dashboard ----------------------------------------------------------

  it('GET /sessions/:sessionId/dashboard 200 shows vote-to-revote change, participation and the heat map', async () => {
    const d = SessionDashboardSchema.parse(
      await w.facilitator.client.call('getSessionDashboard', sessionParams()),
    );
    expect(d).toMatchObject({ sessionId: w.session.id, title: w.session.title, status: 'live' });
    // the class's own student plus the four of the round
    expect(d.students).toBe(5);
    const pi = d.rounds[0];
    if (pi?.kind !== 'peer_instruction') throw new Error('expected a Peer Instruction round');
    expect(pi.before).toMatchObject({ counts: [1, 1, 1, 1], answered: 4, shareCorrect: 0.25 });
    expect(pi.after).toMatchObject({ counts: [0, 3, 0, 0], answered: 3, shareCorrect: 1 });
    expect(pi.switches).toMatchObject({ matched: 3, wrongToRight: 2, rightToRight: 1 });
    // over the three who voted twice: pre 1/3, post 1 → (1 - 1/3) / (1 - 1/3) = 1
    expect(pi.normalizedChange).toBeCloseTo(1);
    expect(pi.participation.answering).toEqual({ count: 4, rate: 0.8 });
    expect(d.analytics.peerInstruction).toMatchObject({ rounds: 1, wrongToRight: 2, rightToWrong: 0 });
    expect(d.heatmap.sections).toEqual([
      { index: 0, heading: 'Orbits', level: 2, open: 1, resolved: 1 },
      { index: 1, heading: 'Tides', level: 2, open: 1, resolved: 0 },
    ]);
    expect(d.heatmap.total).toEqual({ open: 2, resolved: 1 });
    // no person is named anywhere in the dashboard
    expect(JSON.stringify(d)).not.toContain(w.students[0]!.user.name);
    expect(JSON.stringify(d)).not.toContain(w.student.user.userId);
  });

  it('GET /sessions/:sessionId/dashboard 400 validation_failed on a session id over 64 characters', async () => {
    const call = w.owner.client.call('getSessionDashboard', {
      params: { sessionId: wrong('s'.repeat(65)) },
    });
    await expectApiError(call, 400, 'validation_failed');
  });

  it('GET /sessions/:sessionId/dashboard 403 insufficient_role for a student', async () => {
    await expectApiError(
      w.student.client.call('getSessionDashboard', sessionParams()),
      403,
      'insufficient_role',
    );
  });

  it('GET /sessions/:sessionId/dashboard 404 not_found for a non-member', async () => {
    await expectApiError(w.outsider.client.call('getSessionDashboard', sessionParams()), 404, 'not_found');
  });

  it('GET /sessions/:sessionId/dashboard 404 not_found for another tenant with the same user id', async () => {
    await expectApiError(w.otherTenant.client.call('getSessionDashboard', sessionParams()), 404, 'not_found');
  });

  it('GET /sessions/:sessionId/dashboard 401 unauthenticated without a token', async () => {
    await expectApiError(t.anonymous().call('getSessionDashboard', sessionParams()), 401, 'unauthenticated');
  });

  it('GET /sessions/:sessionId/dashboard 401 invalid_token with a garbage token', async () => {
    await expectApiError(garbageClient(t).call('getSessionDashboard', sessionParams()), 401, 'invalid_token');
  });

  // --- GET /classes/:classId/dashboard -------------------------------------------------------------

  it('GET /classes/:classId/dashboard 200 summarises the recent sessions of the class', async () => {
    const d = ClassDashboardSchema.parse(await w.owner.client.call('getClassDashboard', classParams()));
    expect(d).toMatchObject({ classId: w.cls.id, name: w.cls.name, students: 5 });
    expect(d.sessions).toHaveLength(1);
    expect(d.sessions[0]).toMatchObject({ sessionId: w.session.id, flags: { open: 2, resolved: 1 } });
    expect(d.totals.peerInstruction).toMatchObject({ rounds: 1, meanShareCorrectBefore: 0.25 });
    expect(d.flags).toEqual({ open: 2, resolved: 1 });
  });

  it('GET /classes/:classId/dashboard 400 validation_failed on a class id over 64 characters', async () => {
    const call = w.owner.client.call('getClassDashboard', { params: { classId: wrong('c'.repeat(65)) } });
    await expectApiError(call, 400, 'validation_failed');
  });

  it('GET /classes/:classId/dashboard 403 insufficient_role for a student', async () => {
    await expectApiError(w.student.client.call('getClassDashboard', classParams()), 403, 'insufficient_role');
  });

  it('GET /classes/:classId/dashboard 404 not_found for a non-member', async () => {
    await expectApiError(w.outsider.client.call('getClassDashboard', classParams()), 404, 'not_found');
  });

  it('GET /classes/:classId/dashboard 404 not_found for another tenant with the same user id', async () => {
    await expectApiError(w.otherTenant.client.call('getClassDashboard', classParams()), 404, 'not_found');
  });

  it('GET /classes/:classId/dashboard 401 unauthenticated without a token', async () => {
    await expectApiError(t.anonymous().call('getClassDashboard', classParams()), 401, 'unauthenticated');
  });

  it('GET /classes/:classId/dashboard 401 invalid_token with a garbage token', async () => {
    await expectApiError(garbageClient(t).call('getClassDashboard', classParams()), 401, 'invalid_token');
  });
});
