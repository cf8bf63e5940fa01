import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MyActivitySchema } from '../../../contract/dashboard';
import { buildRoundWorld, send, startRound, type RoundWorld } from '../../rounds/test/roundWorld';
import { storageBackends } from '../../test/backends';
import { actor, expectApiError, garbageClient } from '../../test/factories';
import { startTestService, type TestService } from '../../test/testService';
import { claimFlags, editNote, flagBlock, writeBlocks } from './test/flaggedNote';

const backends = await storageBackends();

describe.each(backends)('personal activity on %s', (backend) => {
  let t: TestService;
  let w: RoundWorld;

  beforeAll(async () => {
    t = await startTestService({ backend });
    w = await buildRoundWorld(t, 2);
    const me = w.student.user;
    const mine: string[] = [];
    await editNote(t, me, w.session.id, (doc) => {
      writeBlocks(doc, [{ heading: 'Orbits' }, { text: 'Planets move in ellipses.' }]);
      mine.push(flagBlock(doc, 1, { userId: me.userId, name: me.name }));
      mine.push(flagBlock(doc, 1, { userId: me.userId, name: me.name }, { resolved: true }));
      flagBlock(doc, 1, { userId: 'someone-else', name: 'Someone' });
    });
    await claimFlags(t, me, w.session.id, mine);
    const r = await startRound(w, { kind: 'question_round', topic: 'Orbits' });
    await send(w.student, r.roundId, { type: 'ask', text: 'Why ellipses and not circles?', anonymous: true });
    await send(w.students[0]!, r.roundId, { type: 'ask', text: 'What is a focus?' });
    await send(w.facilitator, r.roundId, { type: 'closePhase', phase: 'asking' });
    await send(w.facilitator, r.roundId, {
      type: 'answerQuestion',
      questionId: 'q1',
      text: 'Energy and angular momentum fix an ellipse; a circle is a special case.',
    });
  });
  afterAll(() => t.close());

  it('GET /me/activity 200 lists recent sessions, my open flags and my questions with their answers', async () => {
    const a = MyActivitySchema.parse(await w.student.client.call('getMyActivity', {}));
    expect(a.recentSessions).toEqual([
      expect.objectContaining({ sessionId: w.session.id, classId: w.cls.id, className: w.cls.name }),
    ]);
    expect(a.openFlags).toHaveLength(1);
    expect(a.openFlags[0]).toMatchObject({ sessionId: w.session.id, quote: 'Plane' });
    expect(a.questions).toHaveLength(1);
    expect(a.questions[0]).toMatchObject({ text: 'Why ellipses and not circles?', anonymous: true });
    expect(a.questions[0]!.answers).toEqual([
      expect.objectContaining({ byFacilitator: true, authorName: w.facilitator.user.name }),
    ]);
    // another student's question and flags are not mine
    expect(JSON.stringify(a)).not.toContain('What is a focus?');
  });

  it('GET /me/activity 200 is empty for someone in no class', async () => {
    const loner = await actor(t);
    expect(await loner.client.call('getMyActivity', {})).toEqual({
      recentSessions: [],
      openFlags: [],
      questions: [],
    });
  });

  it('GET /me/activity 200 for another tenant with the same user id shows nothing of this tenant', async () => {
    const a = await w.otherTenant.client.call('getMyActivity', {});
    expect(a.recentSessions).toEqual([]);
  });

  it('GET /me/activity 401 unauthenticated without a token', async () => {
    await expectApiError(t.anonymous().call('getMyActivity', {}), 401, 'unauthenticated');
  });

  it('GET /me/activity 401 invalid_token with a garbage token', async () => {
    await expectApiError(garbageClient(t).call('getMyActivity', {}), 401, 'invalid_token');
  });
});
