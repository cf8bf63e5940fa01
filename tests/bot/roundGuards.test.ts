import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PiView } from '../../shared/contract/rounds/viewSchemas';
import { cardAction } from './activities';
import {
  button,
  cardText,
  classroom,
  postedRoundCard,
  settle,
  textsIn,
  type Card,
  type Classroom,
} from './classroom';
import { startBotHarness, type BotHarness } from './harness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ notify: true, tallyIntervalMs: 200 });
});
afterAll(async () => {
  await h.close();
});

/** A running Peer Instruction round in a fresh classroom, with its card. */
async function piRound(n = 4): Promise<{ room: Classroom; cardId: string; roundId: string; card: Card }> {
  const room = await classroom(h, n);
  const posted = postedRoundCard(await room.say(room.teacher, 'pi 1 + 1 = ? | 1 | 2* | 3'));
  await settle(h);
  return {
    room,
    cardId: posted.id,
    roundId: String(button(posted.card, 'Submit answer').roundId),
    card: posted.card,
  };
}

async function phaseOf(room: Classroom, roundId: string): Promise<PiView> {
  return (await (await h.service.as(room.teacher)).call('getRound', { params: { roundId } })) as PiView;
}

describe('round guards', () => {
  it('refuses round commands from students politely and starts nothing (200)', async () => {
    const room = await classroom(h, 2);
    const student = room.students[0]!;
    for (const text of ['pi Q | a | b*', 'pi', 'muddy']) {
      expect(textsIn(await room.say(student, text)), text).toEqual([
        expect.stringMatching(/Only facilitators/),
      ]);
    }
    // A student's `ask` is a question for the always-on backstage, not a question round: with no live
    // session there is nowhere to ask, and nothing starts.
    expect(textsIn(await room.say(student, 'ask Anything'))).toEqual([
      expect.stringMatching(/no live session/),
    ]);
    const classes = await (await h.service.as(room.teacher)).call('listClasses', { query: {} });
    const sessions = await (
      await h.service.as(room.teacher)
    ).call('listSessions', {
      params: { classId: classes.items[0]!.id },
      query: {},
    });
    expect(sessions.items).toHaveLength(0);
  });

  it('answers a typed pi with mistakes by saying what to fix (200)', async () => {
    const room = await classroom(h, 1);
    expect(textsIn(await room.say(room.teacher, 'pi Only a question'))).toEqual([
      expect.stringMatching(/at least 2 options/),
    ]);
    expect(textsIn(await room.say(room.teacher, 'pi Q | a* | b*'))).toEqual([
      expect.stringMatching(/only one option/),
    ]);
  });

  it('allows one round at a time (200)', async () => {
    const { room } = await piRound(1);
    expect(textsIn(await room.say(room.teacher, 'muddy'))).toEqual([
      expect.stringMatching(/round is still running/),
    ]);
  });

  it('shows a student who presses facilitator controls their own card with a notice, and changes nothing (200)', async () => {
    const { room, cardId, roundId } = await piRound();
    const fac = (await room.act(room.teacher, 'refresh', { roundId }, { replyToId: cardId })).card!;
    const student = room.students[0]!;
    for (const title of ['Close answering', 'End round']) {
      const verb = title === 'End round' ? 'advance' : 'closePhase';
      const res = await room.act(student, verb, button(fac, title), { replyToId: cardId });
      expect(res.status).toBe(200);
      expect(cardText(res.card)).toMatch(/^Only facilitators/);
      expect(cardText(res.card)).toContain('Submit answer');
      expect(res.calls.filter((c) => c.kind === 'update')).toHaveLength(0);
    }
    const cancel = await room.act(student, 'cancel', { roundId, phase: 'answering' }, { replyToId: cardId });
    expect(cardText(cancel.card)).toMatch(/^Only facilitators/);
    expect((await phaseOf(room, roundId)).phase).toBe('answering');
  });

  it('recognises stale cards: an old button changes nothing and shows the current state (200)', async () => {
    const { room, cardId, roundId } = await piRound();
    await room.act(
      room.students[0]!,
      'answer',
      { roundId, phase: 'answering', option: '1', confidence: 'high' },
      { replyToId: cardId },
    );
    const old = (await room.act(room.teacher, 'refresh', { roundId }, { replyToId: cardId })).card!;
    const first = await room.act(room.teacher, 'closePhase', button(old, 'Close answering'), {
      replyToId: cardId,
    });
    expect(cardText(first.card)).toContain('Answers are in');
    await settle(h);
    // The same button again, e.g. from a second device that still shows the old card.
    const again = await room.act(room.teacher, 'closePhase', button(old, 'Close answering'), {
      replyToId: cardId,
    });
    expect(cardText(again.card)).toMatch(/^This card was out of date, so nothing changed/);
    expect(cardText(again.card)).toContain('Start discussion');
    expect(again.calls.filter((c) => c.kind === 'update')).toHaveLength(0);
    const end = await room.act(
      room.teacher,
      'advance',
      { ...button(old, 'End round') },
      { replyToId: cardId },
    );
    expect(cardText(end.card)).toMatch(/^This card was out of date/);
    expect((await phaseOf(room, roundId)).phase).toBe('gate');
    // A student answering on the old card: refused by the round, shown where it is now.
    const late = await room.act(
      room.students[1]!,
      'answer',
      { roundId, phase: 'answering', option: '0', confidence: 'low' },
      { replyToId: cardId },
    );
    expect(cardText(late.card)).toMatch(/moved on|Time is up/);
    expect((await phaseOf(room, roundId)).answeredCount).toBe(1);
  });

  it('refuses invalid card data: a 400 error when it names no round, the card with a hint when it does (400, 200)', async () => {
    const { room, cardId, roundId } = await piRound();
    for (const [verb, data] of [
      ['dance', { roundId }],
      ['answer', { option: '1', confidence: 'low' }],
      ['refresh', { roundId: 'x'.repeat(100) }],
      [42, {}],
    ] as const) {
      const res = await room.act(room.students[0]!, verb as string, data, { replyToId: cardId });
      expect(res.status, JSON.stringify([verb, data]).slice(0, 80)).toBe(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest' },
      });
    }
    const hint = await room.act(
      room.students[0]!,
      'answer',
      { roundId, phase: 'answering', option: '9', confidence: 'sure' },
      { replyToId: cardId },
    );
    expect(hint.status).toBe(200);
    // An option past the question's (a stale or forged card) is named as such, not as a missing input.
    expect(cardText(hint.card)).toMatch(/^That option is not on this question/);
    const missing = await room.act(
      room.students[0]!,
      'answer',
      { roundId, phase: 'answering', confidence: 'sure' },
      { replyToId: cardId },
    );
    expect(cardText(missing.card)).toMatch(/^Pick an answer and say how sure you are/);
    const unknown = await room.act(
      room.students[0]!,
      'refresh',
      { roundId: 'rnd_doesnotexist' },
      { replyToId: cardId },
    );
    expect(cardText(unknown.card)).toMatch(/can't find that round/);
    // Not an Action.Execute, and no value at all.
    const submit = cardAction(room.scene, room.students[0]!, 'answer', { roundId });
    const wrongType = await h.post({ ...submit, value: { action: { type: 'Action.Submit', data: {} } } });
    expect(wrongType.status).toBe(400);
    const noValue = await h.post({ ...submit, value: undefined });
    expect(noValue.status).toBe(400);
    expect((await phaseOf(room, roundId)).answeredCount).toBe(0);
  });

  it('does not let a card of one class act on another class (200)', async () => {
    const a = await piRound(1);
    const b = await classroom(h, 1);
    const stranger = b.students[0]!;
    const res = await b.act(stranger, 'answer', {
      roundId: a.roundId,
      phase: 'answering',
      option: '1',
      confidence: 'low',
    });
    expect(cardText(res.card)).toMatch(/can't find that round/);
    expect((await phaseOf(a.room, a.roundId)).answeredCount).toBe(0);
  });

  it('keeps running a round across a bot restart: the new instance finds the card through the service (200)', async () => {
    const { room, cardId, roundId } = await piRound(6);
    const data = { roundId, phase: 'answering', confidence: 'medium' };
    for (const s of room.students.slice(0, 3))
      await room.act(s, 'answer', { ...data, option: '1' }, { replyToId: cardId });
    await settle(h);
    await h.restartBot();
    for (const s of room.students.slice(3)) {
      const res = await room.act(s, 'answer', { ...data, option: '0' }, { replyToId: cardId });
      expect(cardText(res.card)).toContain('Your answer: **A. 1**');
    }
    // A student who answered before the restart is still known as answered.
    const before = await room.act(room.students[0]!, 'refresh', { roundId }, { replyToId: cardId });
    expect(cardText(before.card)).toContain('Your answer: **B. 2**');
    const fac = (await room.act(room.teacher, 'refresh', { roundId }, { replyToId: cardId })).card!;
    expect(cardText(fac)).toContain('6 of 6 answered');
    const from = h.connector.calls.length;
    await room.act(room.teacher, 'closePhase', button(fac, 'Close answering'), { replyToId: cardId });
    await settle(h);
    const updates = h.connector.calls.slice(from).filter((c) => c.kind === 'update');
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((c) => c.targetId === cardId)).toBe(true);
    expect((await phaseOf(room, roundId)).phase).toBe('gate');
  });
});
