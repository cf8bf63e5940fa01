import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_BOT_SECRET } from '../../shared/contract/auth';
import {
  BOT_NOTIFY_PATH,
  SERVICE_TOKEN_AUDIENCE,
  SERVICE_TOKEN_ISSUER,
  type BotNotification,
} from '../../shared/contract/botNotify';
import { button, cardText, cardsIn, classroom, postedRoundCard, textsIn, type Classroom } from './classroom';
import { startBotHarness, type BotHarness } from './harness';

/** No BOT_NOTIFY_URL: the only notifications the bot gets are the ones these tests send. */
let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ tallyIntervalMs: 300 });
});
afterAll(async () => {
  await h.close();
});

async function serviceToken(
  opts: { secret?: string; audience?: string; issuer?: string; exp?: number } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(opts.issuer ?? SERVICE_TOKEN_ISSUER)
    .setAudience(opts.audience ?? SERVICE_TOKEN_AUDIENCE)
    .setSubject('stoa-service')
    .setIssuedAt(now)
    .setExpirationTime(opts.exp ?? now + 120)
    .sign(new TextEncoder().encode(opts.secret ?? DEV_BOT_SECRET));
}

async function notify(body: unknown, token: string | null) {
  const res = await fetch(`${h.bot.url}${BOT_NOTIFY_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { ok?: boolean; outcome?: string; error?: { id: string } },
  };
}

describe('service notifications', () => {
  let room: Classroom;
  let cardId: string;
  let roundId: string;
  let base: Omit<Extract<BotNotification, { type: 'round_changed' }>, 'phase' | 'change'>;
  const teacher = () => h.service.as(room.teacher);

  beforeAll(async () => {
    room = await classroom(h, 3);
    const posted = postedRoundCard(await room.say(room.teacher, 'pi Is light a wave? | Yes | No | Both*'));
    cardId = posted.id;
    roundId = String(button(posted.card, 'Submit answer').roundId);
    const view = await (await teacher()).call('getRound', { params: { roundId } });
    base = {
      type: 'round_changed',
      tenantId: room.teacher.tenantId,
      createdBy: room.teacher.userId,
      roundId: view.roundId,
      sessionId: view.sessionId,
      classId: view.classId,
    };
  });

  it('refuses a notification without the service token (401)', async () => {
    const res = await notify({ ...base, phase: 'answering', change: 'phase' }, null);
    expect(res.status).toBe(401);
    expect(res.body.error?.id).toBe('unauthenticated');
  });

  it.each([
    ['garbage', async () => 'not.a.jwt'],
    ['another secret', async () => serviceToken({ secret: 'x'.repeat(40) })],
    ['the wrong audience', async () => serviceToken({ audience: 'stoa-service' })],
    ['the wrong issuer', async () => serviceToken({ issuer: 'stoa-bot' })],
    ['an expired token', async () => serviceToken({ exp: Math.floor(Date.now() / 1000) - 3600 })],
    [
      'alg none',
      async () =>
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
          JSON.stringify({ iss: SERVICE_TOKEN_ISSUER, aud: SERVICE_TOKEN_AUDIENCE, exp: 9999999999, iat: 1 }),
        ).toString('base64url')}.`,
    ],
  ])('refuses %s (401)', async (_label, token) => {
    const before = h.connector.calls.length;
    const res = await notify({ ...base, phase: 'gate', change: 'phase' }, await token());
    expect(res.status).toBe(401);
    expect(res.body.error?.id).toBe('invalid_token');
    expect(h.connector.calls.length).toBe(before);
  });

  it('refuses a signed body that is not a notification (400)', async () => {
    for (const body of [{}, { ...base, phase: 'lunch', change: 'phase' }, { ...base, type: 'other' }, []]) {
      const res = await notify(body, await serviceToken());
      expect(res.status).toBe(400);
      expect(res.body.error?.id).toBe('validation_failed');
    }
  });

  it('updates the round card in place on a signed phase change, with one message where students must act (200)', async () => {
    const client = await teacher();
    await client.call('sendRoundEvent', {
      params: { roundId },
      body: { event: { type: 'closePhase', phase: 'answering' } },
    });
    let from = h.connector.calls.length;
    const gate = await notify({ ...base, phase: 'gate', change: 'phase' }, await serviceToken());
    expect(gate).toMatchObject({ status: 200, body: { ok: true, outcome: 'done' } });
    let calls = h.connector.calls.slice(from);
    expect(calls.map((c) => `${c.method} ${c.kind} ${c.targetId ?? ''}`)).toEqual([`PUT update ${cardId}`]);
    expect(cardText(cardsIn(calls)[0])).toContain('Answers are in');
    // The facilitator is listed first for the automatic refresh, then everyone else.
    expect((cardsIn(calls)[0] as { refresh: { userIds: string[] } }).refresh.userIds[0]).toBe(
      `29:${room.teacher.userId}`,
    );

    await client.call('sendRoundEvent', {
      params: { roundId },
      body: { event: { type: 'advance', to: 'discussion' } },
    });
    from = h.connector.calls.length;
    expect(
      (await notify({ ...base, phase: 'discussion', change: 'phase' }, await serviceToken())).status,
    ).toBe(200);
    calls = h.connector.calls.slice(from);
    expect(calls.filter((c) => c.kind === 'update' && c.targetId === cardId)).toHaveLength(1);
    expect(textsIn(calls)).toEqual([expect.stringMatching(/^Discussion time/)]);
    // The message answers the round card (in a channel it lands in the card's thread).
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ kind: 'reply', targetId: cardId });
  });

  it('thins tally and private notifications per round, the last one winning (200, 202)', async () => {
    const from = h.connector.calls.length;
    const first = await notify({ ...base, phase: 'discussion', change: 'tally' }, await serviceToken());
    const second = await notify(
      { ...base, type: 'private_message', userIds: [room.students[0]!.userId], kind: 'group_assigned' },
      await serviceToken(),
    );
    expect(first).toMatchObject({ status: 200, body: { outcome: 'done' } });
    expect(second).toMatchObject({ status: 202, body: { outcome: 'queued' } });
    await new Promise((r) => setTimeout(r, 700));
    const updates = h.connector.calls.slice(from).filter((c) => c.kind === 'update');
    expect(updates).toHaveLength(2);
    expect(textsIn(h.connector.calls.slice(from))).toEqual([]);
  });

  it('posts the card of a round started outside Teams, once, and records it (200)', async () => {
    const client = await teacher();
    const session = (await client.call('listSessions', { params: { classId: base.classId }, query: {} }))
      .items[0]!;
    await client.call('sendRoundEvent', {
      params: { roundId },
      body: { event: { type: 'advance', to: 'ended' } },
    });
    const tabRound = await client.call('startRound', {
      params: { sessionId: session.id },
      body: { round: { kind: 'muddiest_point' } },
    });
    const from = h.connector.calls.length;
    const res = await notify(
      { ...base, roundId: tabRound.roundId, phase: 'collecting', change: 'phase' },
      await serviceToken(),
    );
    expect(res.status).toBe(200);
    const posted = h.connector.calls.slice(from).filter((c) => c.method === 'POST');
    expect(posted).toHaveLength(1);
    expect(cardText(cardsIn(posted)[0])).toContain('Muddiest point');
    // The card is recorded: a second notification updates it instead of posting another.
    const again = h.connector.calls.length;
    await notify(
      { ...base, roundId: tabRound.roundId, phase: 'collecting', change: 'phase' },
      await serviceToken(),
    );
    const next = h.connector.calls.slice(again);
    expect(next.map((c) => `${c.method} ${c.targetId ?? ''}`)).toEqual([`PUT ${posted[0]!.id}`]);
  });

  it('skips a round nobody can see and a class the bot never talked in (200)', async () => {
    const unknown = await notify(
      { ...base, roundId: 'rnd_nothere', phase: 'gate', change: 'phase' },
      await serviceToken(),
    );
    expect(unknown).toMatchObject({ status: 200, body: { outcome: 'skipped' } });
    // A class made in the tab: the bot has no conversation to post in.
    const client = await teacher();
    const cls = await client.call('createClass', { body: { name: 'Web only' } });
    const session = await client.call('createSession', {
      params: { classId: cls.id },
      body: { title: 'L1' },
    });
    const round = await client.call('startRound', {
      params: { sessionId: session.id },
      body: { round: { kind: 'question_round', topic: 'Anything' } },
    });
    const before = h.connector.calls.length;
    const res = await notify(
      {
        ...base,
        classId: cls.id,
        sessionId: session.id,
        roundId: round.roundId,
        phase: 'asking',
        change: 'phase',
      },
      await serviceToken(),
    );
    expect(res).toMatchObject({ status: 200, body: { outcome: 'skipped' } });
    expect(h.connector.calls.length).toBe(before);
  });
});
