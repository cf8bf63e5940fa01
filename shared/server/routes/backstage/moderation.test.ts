import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream, type EventStreamHandle } from '../../../client/eventStream';
import type { SessionEventEnvelope } from '../../../contract/events';
import type { Session } from '../../../contract/sessions';
import { storageBackends } from '../../test/backends';
import {
  actor,
  buildClass,
  buildSession,
  expectApiError,
  garbageClient,
  wrong,
  type Actor,
  type ClassWorld,
} from '../../test/factories';
import { startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();
type Client = ClassWorld['owner']['client'];

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(backends)('moderation on %s', (backend) => {
  let t: TestService;
  let w: ClassWorld;
  let session: Session;
  const streams: EventStreamHandle[] = [];
  const ask = (c: Client, text: string, anonymous = false) =>
    c.call('askBackstage', { params: { sessionId: session.id }, body: { text, anonymous } });
  const list = (c: Client) =>
    c.call('listBackstage', { params: { sessionId: session.id }, query: { limit: 100 } });
  const moderate = (
    c: Client,
    body: {
      kind: 'backstage_question' | 'backstage_answer';
      itemId: string;
      action: 'approve' | 'hide' | 'restore';
      reason?: string;
    },
  ) => c.call('moderatePost', { params: { sessionId: session.id }, body });
  const queue = (c: Client) => c.call('getModerationQueue', { params: { classId: w.cls.id } });
  const settings = (c: Client, body: { queueAll: boolean; words: string[] }) =>
    c.call('setModerationSettings', { params: { classId: w.cls.id }, body });
  const student = async (): Promise<Actor> => {
    const a = await actor(t);
    await a.client.call('joinClass', { params: { classId: w.cls.id }, body: { joinCode: w.cls.joinCode! } });
    return a;
  };
  const follow = (a: Actor, lastEventId?: number) => {
    const got: SessionEventEnvelope[] = [];
    const states: string[] = [];
    const handle = openEventStream({
      baseUrl: t.url,
      sessionId: session.id,
      getToken: async () => (await t.anonymous().call('createDevToken', { body: a.user })).token,
      onEvent: (e) => got.push(e),
      onState: (s) => states.push(s),
      ...(lastEventId !== undefined ? { lastEventId } : {}),
    });
    streams.push(handle);
    return { got, states, handle };
  };

  beforeAll(async () => {
    t = await startTestService({ backend });
    w = await buildClass(t);
    session = await buildSession(w);
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await t.close();
  });

  it('POST /sessions/:sessionId/moderation 200 hides a question and an answer: gone live, from lists and from resumed streams (leak scan)', async () => {
    const secretQ = `secret question ${randomBytes(6).toString('hex')}`;
    const secretA = `secret answer ${randomBytes(6).toString('hex')}`;
    const author = await student();
    const reader = await student();
    const live = follow(reader);
    await until(() => live.states.includes('open'));
    const q = await ask(author.client, secretQ, true);
    const kept = await ask(w.facilitator.client, 'A question that stays up');
    await author.client.call('answerBackstage', {
      params: { sessionId: session.id, questionId: kept.question.id },
      body: { text: secretA, anonymous: true },
    });
    await until(
      () => JSON.stringify(live.got).includes(secretQ) && JSON.stringify(live.got).includes(secretA),
    );
    const answerId = (await list(reader.client)).items.find((i) => i.id === kept.question.id)!.answers[0]!.id;

    expect(
      await moderate(w.facilitator.client, {
        kind: 'backstage_question',
        itemId: q.question.id,
        action: 'hide',
        reason: 'abuse',
      }),
    ).toEqual({ status: 'hidden', changed: true });
    expect(
      (await moderate(w.facilitator.client, { kind: 'backstage_answer', itemId: answerId, action: 'hide' }))
        .status,
    ).toBe('hidden');
    await until(() =>
      live.got.some((e) => e.event.type === 'backstage_removed' && e.event.questionId === q.question.id),
    );

    // Every way a student can read the session now lacks both texts.
    for (const who of [reader, author, w.student]) {
      expect(JSON.stringify(await list(who.client))).not.toMatch(new RegExp(`${secretQ}|${secretA}`));
      const resumed = follow(who, 0);
      await until(() => resumed.states.includes('open'));
      await new Promise((r) => setTimeout(r, 200));
      expect(resumed.got.length).toBeGreaterThan(0);
      expect(JSON.stringify(resumed.got)).not.toMatch(new RegExp(`${secretQ}|${secretA}`));
      resumed.handle.close();
    }
    const mine = await author.client.call('exportMyData', {});
    expect(JSON.stringify(mine)).not.toMatch(new RegExp(`${secretQ}|${secretA}`));
    // Facilitators still see it in the moderation view, with its author; it stays in the trail.
    const view = await queue(w.facilitator.client);
    expect(view.hidden.map((i) => i.text)).toEqual(expect.arrayContaining([secretQ, secretA]));
    expect(view.hidden.find((i) => i.text === secretQ)?.authorId).toBe(author.user.userId);

    const restored = await moderate(w.owner.client, {
      kind: 'backstage_question',
      itemId: q.question.id,
      action: 'restore',
    });
    expect(restored).toEqual({ status: 'published', changed: true });
    expect((await list(reader.client)).items.some((i) => i.id === q.question.id)).toBe(true);
  });

  it('POST /sessions/:sessionId/moderation 200 approves a post the word filter sent to the queue', async () => {
    const author = await student();
    const peer = await student();
    const res = await ask(author.client, 'Why is this sh1t so hard?');
    expect(res.question.status).toBe('pending');
    expect((await list(peer.client)).items.some((i) => i.id === res.question.id)).toBe(false);
    expect((await list(author.client)).pending.map((i) => i.id)).toContain(res.question.id);
    const waiting = (await queue(w.facilitator.client)).pending.find((i) => i.itemId === res.question.id);
    expect(waiting?.matched).toEqual(['shit']);
    await moderate(w.facilitator.client, {
      kind: 'backstage_question',
      itemId: res.question.id,
      action: 'approve',
    });
    expect((await list(peer.client)).items.some((i) => i.id === res.question.id)).toBe(true);
  });

  it('POST /sessions/:sessionId/moderation 403 insufficient_role for a student', async () => {
    const q = await ask(w.facilitator.client, 'Can students hide this?');
    await expectApiError(
      moderate(w.student.client, { kind: 'backstage_question', itemId: q.question.id, action: 'hide' }),
      403,
      'insufficient_role',
    );
  });

  it('POST /sessions/:sessionId/moderation 404 not_found for an unknown post, a non-member and another tenant', async () => {
    await expectApiError(
      moderate(w.facilitator.client, {
        kind: 'backstage_question',
        itemId: 'bq_nothinghere',
        action: 'hide',
      }),
      404,
      'not_found',
    );
    await expectApiError(
      moderate(w.outsider.client, { kind: 'backstage_question', itemId: 'bq_nothinghere', action: 'hide' }),
      404,
      'not_found',
    );
    await expectApiError(
      moderate(w.otherTenant.client, {
        kind: 'backstage_question',
        itemId: 'bq_nothinghere',
        action: 'hide',
      }),
      404,
      'not_found',
    );
  });

  it('POST /sessions/:sessionId/moderation 400 validation_failed on an unknown action; 401 without a valid token', async () => {
    await expectApiError(
      moderate(w.facilitator.client, wrong({ kind: 'backstage_question', itemId: 'bq_x', action: 'delete' })),
      400,
      'validation_failed',
    );
    await expectApiError(
      moderate(t.anonymous(), { kind: 'backstage_question', itemId: 'bq_x', action: 'hide' }),
      401,
      'unauthenticated',
    );
    await expectApiError(
      moderate(garbageClient(t), { kind: 'backstage_question', itemId: 'bq_x', action: 'hide' }),
      401,
      'invalid_token',
    );
  });

  it('PUT /classes/:classId/moderation/settings 200 queues every post, and the class words go to the queue', async () => {
    const author = await student();
    expect(await settings(w.owner.client, { queueAll: false, words: ['Banana'] })).toEqual({
      queueAll: false,
      words: ['banana'],
    });
    expect((await ask(author.client, 'Is a banana a berry?')).question.status).toBe('pending');
    expect((await ask(author.client, 'Is an apple a berry?')).question.status).toBe('published');
    await settings(w.owner.client, { queueAll: true, words: [] });
    expect((await ask(author.client, 'Is a tomato a fruit?')).question.status).toBe('pending');
    expect((await ask(w.facilitator.client, 'Facilitators publish directly?')).question.status).toBe(
      'published',
    );
    expect(
      await w.facilitator.client.call('getModerationSettings', { params: { classId: w.cls.id } }),
    ).toEqual({ queueAll: true, words: [] });
    await settings(w.owner.client, { queueAll: false, words: [] });
  });

  it('PUT /classes/:classId/moderation/settings 403 insufficient_role for a student; 404 not_found for a non-member and another tenant; 400 validation_failed', async () => {
    await expectApiError(settings(w.student.client, { queueAll: true, words: [] }), 403, 'insufficient_role');
    await expectApiError(settings(w.outsider.client, { queueAll: true, words: [] }), 404, 'not_found');
    await expectApiError(settings(w.otherTenant.client, { queueAll: true, words: [] }), 404, 'not_found');
    await expectApiError(
      settings(w.owner.client, wrong({ queueAll: 'yes', words: [] })),
      400,
      'validation_failed',
    );
  });

  it('POST /sessions/:sessionId/reports 200 reports a post; the facilitators see it, and get a live count', async () => {
    const fac = follow(w.facilitator);
    await until(() => fac.states.includes('open'));
    const q = await ask(w.facilitator.client, 'Reported question text');
    const r1 = await student();
    const r2 = await student();
    for (const r of [r1, r1, r2])
      expect(
        await r.client.call('reportPost', {
          params: { sessionId: session.id },
          body: { kind: 'backstage_question', itemId: q.question.id, reason: 'off topic' },
        }),
      ).toEqual({ reported: true });
    const item = (await queue(w.facilitator.client)).reported.find((i) => i.itemId === q.question.id);
    expect(item?.reports).toBe(2);
    await until(() => fac.got.some((e) => e.event.type === 'moderation_changed' && e.event.reported > 0));
  });

  it('POST /sessions/:sessionId/reports 404 not_found for a hidden post, a non-member and another tenant', async () => {
    const body = { kind: 'backstage_question' as const, itemId: 'bq_nothinghere' };
    await expectApiError(
      w.student.client.call('reportPost', { params: { sessionId: session.id }, body }),
      404,
      'not_found',
    );
    await expectApiError(
      w.outsider.client.call('reportPost', { params: { sessionId: session.id }, body }),
      404,
      'not_found',
    );
    await expectApiError(
      w.otherTenant.client.call('reportPost', { params: { sessionId: session.id }, body }),
      404,
      'not_found',
    );
  });

  it('PUT /classes/:classId/members/:userId/pause 200 pauses one student: their posts are refused until lifted', async () => {
    const noisy = await student();
    const res = await w.facilitator.client.call('pauseMember', {
      params: { classId: w.cls.id, userId: noisy.user.userId },
      body: { minutes: 10 },
    });
    expect(res.until).toBeGreaterThan(Date.now());
    await expectApiError(ask(noisy.client, 'Can I still ask?'), 403, 'posting_paused');
    expect((await list(noisy.client)).pausedUntil).toBe(res.until);
    expect((await queue(w.facilitator.client)).paused.map((p) => p.userId)).toContain(noisy.user.userId);
    await w.facilitator.client.call('pauseMember', {
      params: { classId: w.cls.id, userId: noisy.user.userId },
      body: { minutes: 0 },
    });
    expect((await ask(noisy.client, 'And now?')).question.status).toBe('published');
  });

  it('PUT /classes/:classId/members/:userId/pause 403 insufficient_role for a student; 404 not_found for a non-member and another tenant', async () => {
    const params = { classId: w.cls.id, userId: w.student.user.userId };
    await expectApiError(
      w.student.client.call('pauseMember', { params, body: { minutes: 5 } }),
      403,
      'insufficient_role',
    );
    await expectApiError(
      w.outsider.client.call('pauseMember', { params, body: { minutes: 5 } }),
      404,
      'not_found',
    );
    await expectApiError(
      w.otherTenant.client.call('pauseMember', { params, body: { minutes: 5 } }),
      404,
      'not_found',
    );
    await expectApiError(
      w.owner.client.call('pauseMember', { params, body: wrong({ minutes: -1 }) }),
      400,
      'validation_failed',
    );
  });

  it('GET /classes/:classId/moderation 200 for facilitators; 403 insufficient_role for a student; 404 not_found for a non-member and another tenant', async () => {
    expect(await queue(w.owner.client)).toHaveProperty('pending');
    await expectApiError(queue(w.student.client), 403, 'insufficient_role');
    await expectApiError(queue(w.outsider.client), 404, 'not_found');
    await expectApiError(queue(w.otherTenant.client), 404, 'not_found');
  });

  it('GET /classes/:classId/moderation/settings 200 for facilitators; 403 insufficient_role for a student; 404 not_found for a non-member and another tenant', async () => {
    const get = (c: Client) => c.call('getModerationSettings', { params: { classId: w.cls.id } });
    expect(await get(w.owner.client)).toHaveProperty('queueAll');
    await expectApiError(get(w.student.client), 403, 'insufficient_role');
    await expectApiError(get(w.outsider.client), 404, 'not_found');
    await expectApiError(get(w.otherTenant.client), 404, 'not_found');
  });
});
