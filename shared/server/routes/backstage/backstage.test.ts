import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rankedPublished, replayBackstage } from '../../../contract/backstage/model';
import type { Session } from '../../../contract/sessions';
import { storageBackends } from '../../test/backends';
import {
  actor,
  buildClass,
  buildSession,
  expectApiError,
  garbageClient,
  wrong,
  type ClassWorld,
} from '../../test/factories';
import { startTestService, type TestService } from '../../test/testService';
import { BackstageStore } from '../../backstage/backstageStore';

const backends = await storageBackends();
type Client = ClassWorld['owner']['client'];

describe.each(backends)('backstage questions on %s', (backend) => {
  let t: TestService;
  let w: ClassWorld;
  let session: Session;
  const ask = (c: Client, text: string, anonymous = false, s = session) =>
    c.call('askBackstage', { params: { sessionId: s.id }, body: { text, anonymous } });
  const list = (c: Client, query: { offset?: number; limit?: number } = {}) =>
    c.call('listBackstage', { params: { sessionId: session.id }, query });
  const vote = (c: Client, questionId: string, value: -1 | 0 | 1) =>
    c.call('voteBackstage', { params: { sessionId: session.id, questionId }, body: { value } });
  const answer = (c: Client, questionId: string, text: string, anonymous = false) =>
    c.call('answerBackstage', { params: { sessionId: session.id, questionId }, body: { text, anonymous } });
  const facilitate = (
    c: Client,
    questionId: string,
    body: { pinned?: boolean; answered?: boolean; assignTo?: string[] },
  ) => c.call('facilitateBackstage', { params: { sessionId: session.id, questionId }, body });

  beforeAll(async () => {
    t = await startTestService({ backend });
    w = await buildClass(t);
    session = await buildSession(w);
  });
  afterAll(() => t.close());

  it('POST /sessions/:sessionId/backstage/questions 201 publishes a question at once while the session is live', async () => {
    const res = await ask(w.student.client, 'Why does the entropy of an isolated system never decrease?');
    expect(res.question).toMatchObject({
      status: 'published',
      mine: true,
      authorName: w.student.user.name,
      up: 0,
    });
    expect(res.duplicateOf).toBeNull();
  });

  it('POST /sessions/:sessionId/backstage/questions 201 merges a near-duplicate into the earlier question as an up-vote', async () => {
    const first = await ask(w.student.client, 'What is the Carnot efficiency of a heat engine?');
    const other = await actor(t);
    await other.client.call('joinClass', {
      params: { classId: w.cls.id },
      body: { joinCode: w.cls.joinCode! },
    });
    const again = await ask(other.client, 'what is the carnot efficiency of heat engines');
    expect(again.duplicateOf).toBe(first.question.id);
    const page = await list(w.facilitator.client, { limit: 100 });
    expect(page.items.find((q) => q.id === first.question.id)?.up).toBe(1);
    expect(page.items.some((q) => q.id === again.question.id)).toBe(false);
  });

  it('POST /sessions/:sessionId/backstage/questions 201 hides the author of an anonymous question from everyone', async () => {
    const res = await ask(w.student.client, 'Is the second law statistical only?', true);
    expect(res.question.authorName).toBeNull();
    const seen = await list(w.facilitator.client, { limit: 100 });
    const q = seen.items.find((i) => i.id === res.question.id)!;
    expect(q.authorName).toBeNull();
    expect(JSON.stringify(q)).not.toContain(w.student.user.userId);
  });

  it('POST /sessions/:sessionId/backstage/questions 400 validation_failed on empty or oversized text', async () => {
    await expectApiError(ask(w.student.client, '   '), 400, 'validation_failed');
    await expectApiError(ask(w.student.client, 'x'.repeat(1001)), 400, 'validation_failed');
  });

  it('POST /sessions/:sessionId/backstage/questions 401 unauthenticated and 401 invalid_token', async () => {
    await expectApiError(ask(t.anonymous(), 'hello there'), 401, 'unauthenticated');
    await expectApiError(ask(garbageClient(t), 'hello there'), 401, 'invalid_token');
  });

  it('POST /sessions/:sessionId/backstage/questions 404 not_found for a non-member and a user of another tenant', async () => {
    await expectApiError(ask(w.outsider.client, 'hello there'), 404, 'not_found');
    await expectApiError(ask(w.otherTenant.client, 'hello there'), 404, 'not_found');
  });

  it('POST /sessions/:sessionId/backstage/questions 409 session_ended after the session ended', async () => {
    const ended = await buildSession(w, 'Ended');
    await w.owner.client.call('endSession', { params: { sessionId: ended.id }, body: {} });
    await expectApiError(ask(w.student.client, 'Too late?', false, ended), 409, 'session_ended');
  });

  it('POST /sessions/:sessionId/backstage/questions/:questionId/vote 200 counts votes once per person and ranks by them', async () => {
    const low = await ask(w.facilitator.client, 'What is a reversible process exactly?');
    const high = await ask(w.facilitator.client, 'Why can heat not flow from cold to hot by itself?');
    const voters = await Promise.all([0, 1, 2].map(() => actor(t)));
    for (const v of voters) {
      await v.client.call('joinClass', {
        params: { classId: w.cls.id },
        body: { joinCode: w.cls.joinCode! },
      });
      await vote(v.client, high.question.id, 1);
    }
    await vote(voters[0]!.client, high.question.id, 1).catch(() => undefined);
    const again = await vote(voters[0]!.client, high.question.id, 1);
    expect(again).toMatchObject({ up: 3, myVote: 1 });
    await vote(voters[1]!.client, low.question.id, -1);
    const page = await list(w.student.client, { limit: 100 });
    const ids = page.items.map((q) => q.id);
    expect(ids.indexOf(high.question.id)).toBeLessThan(ids.indexOf(low.question.id));
  });

  it('POST /sessions/:sessionId/backstage/questions/:questionId/vote 409 backstage_refused on your own question', async () => {
    const mine = await ask(w.student.client, 'Can I vote for my own question about enthalpy?');
    const err = await expectApiError(vote(w.student.client, mine.question.id, 1), 409, 'backstage_refused');
    expect(err.details).toEqual({ reason: 'own_question' });
  });

  it('POST /sessions/:sessionId/backstage/questions/:questionId/vote 404 not_found for an unknown question, a non-member and another tenant', async () => {
    await expectApiError(vote(w.student.client, 'bq_unknownquestion', 1), 404, 'not_found');
    const q = await ask(w.facilitator.client, 'Visible only inside the class?');
    await expectApiError(vote(w.outsider.client, q.question.id, 1), 404, 'not_found');
    await expectApiError(vote(w.otherTenant.client, q.question.id, 1), 404, 'not_found');
  });

  it('POST /sessions/:sessionId/backstage/questions/:questionId/vote 400 validation_failed on a value of 2', async () => {
    const q = await ask(w.facilitator.client, 'Which value is valid here?');
    await expectApiError(vote(w.student.client, q.question.id, wrong(2)), 400, 'validation_failed');
  });

  it('POST /sessions/:sessionId/backstage/questions/:questionId/answers 201 takes an anonymous peer answer without its author', async () => {
    const q = await ask(w.facilitator.client, 'Who can explain the Clausius inequality?');
    const res = await answer(
      w.student.client,
      q.question.id,
      'It bounds the heat over temperature around a cycle.',
      true,
    );
    expect(res.answers).toHaveLength(1);
    expect(res.answers[0]).toMatchObject({
      anonymous: true,
      authorName: null,
      mine: true,
      status: 'published',
    });
    const other = await list(w.owner.client, { limit: 100 });
    const seen = other.items.find((i) => i.id === q.question.id)!;
    expect(seen.answers[0]).toMatchObject({ authorName: null, mine: false });
  });

  it('POST /sessions/:sessionId/backstage/questions/:questionId/answers 409 backstage_refused when assigned to other students', async () => {
    const q = await ask(w.facilitator.client, 'Who wants to explain free energy?');
    const peer = await actor(t);
    await peer.client.call('joinClass', {
      params: { classId: w.cls.id },
      body: { joinCode: w.cls.joinCode! },
    });
    const assigned = await facilitate(w.facilitator.client, q.question.id, { assignTo: [peer.user.userId] });
    expect(assigned.assignedCount).toBe(1);
    const err = await expectApiError(
      answer(w.student.client, q.question.id, 'I can!'),
      409,
      'backstage_refused',
    );
    expect(err.details).toEqual({ reason: 'not_assigned' });
    const mine = await answer(peer.client, q.question.id, 'Energy available to do work at constant T.');
    expect(mine.assignedToMe).toBe(true);
  });

  it('POST /sessions/:sessionId/backstage/questions/:questionId/facilitate 200 pins and marks answered, changing the order', async () => {
    const q = await ask(w.student.client, 'A late question nobody voted for?');
    await facilitate(w.facilitator.client, q.question.id, { pinned: true });
    expect((await list(w.student.client)).items[0]?.id).toBe(q.question.id);
    const done = await facilitate(w.facilitator.client, q.question.id, { pinned: false, answered: true });
    expect(done).toMatchObject({ pinned: false, answered: true });
    const all = await list(w.student.client, { limit: 100 });
    expect(all.items.at(-1)?.id).toBe(q.question.id);
  });

  it('POST /sessions/:sessionId/backstage/questions/:questionId/facilitate 403 insufficient_role for a student', async () => {
    const q = await ask(w.facilitator.client, 'Can a student pin this?');
    await expectApiError(
      facilitate(w.student.client, q.question.id, { pinned: true }),
      403,
      'insufficient_role',
    );
  });

  it('POST /sessions/:sessionId/backstage/questions/:questionId/facilitate 400 validation_failed on a pin that is not a boolean', async () => {
    const q = await ask(w.facilitator.client, 'Empty change?');
    await expectApiError(
      facilitate(w.facilitator.client, q.question.id, wrong({ pinned: 'yes' })),
      400,
      'validation_failed',
    );
  });

  it('GET /sessions/:sessionId/backstage 200 pages through every question, and the order equals a replay of the log', async () => {
    const first = await list(w.student.client, { limit: 3 });
    expect(first.items).toHaveLength(3);
    const seen = [...first.items];
    for (let offset = first.nextOffset; offset !== null;) {
      const page = await list(w.student.client, { offset, limit: 3 });
      seen.push(...page.items);
      offset = page.nextOffset;
    }
    expect(seen).toHaveLength(first.total);
    const store = new BackstageStore(
      t.service.context.storage.database.db,
      t.service.context.storage.database.dialect,
    );
    const replayed = rankedPublished(replayBackstage(await store.readLog(session.id)), Date.now());
    expect(seen.map((q) => q.id)).toEqual(replayed);
  });

  it('GET /sessions/:sessionId/backstage 400 validation_failed on a limit past the maximum', async () => {
    await expectApiError(list(w.student.client, { limit: 1000 }), 400, 'validation_failed');
  });

  it('GET /sessions/:sessionId/backstage 404 not_found for a non-member and another tenant; 401 without a token', async () => {
    await expectApiError(list(w.outsider.client), 404, 'not_found');
    await expectApiError(list(w.otherTenant.client), 404, 'not_found');
    await expectApiError(list(t.anonymous()), 401, 'unauthenticated');
  });

  it('POST /sessions/:sessionId/backstage/questions 429 rate_limited past the per-student limit of asks', async () => {
    const fast = await actor(t);
    await fast.client.call('joinClass', {
      params: { classId: w.cls.id },
      body: { joinCode: w.cls.joinCode! },
    });
    for (let i = 0; i < 5; i++) await ask(fast.client, `Question number ${i} about topic ${i * 7}`);
    await expectApiError(ask(fast.client, 'One too many about something else'), 429, 'rate_limited');
  });
});
