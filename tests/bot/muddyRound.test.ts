import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MuddyView } from '../../shared/contract/rounds/viewSchemas';
import {
  button,
  cardText,
  classroom,
  inputIds,
  postedRoundCard,
  settle,
  textsIn,
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

describe('muddiest point, status and end through the bot', () => {
  let room: Classroom;
  let cardId: string;
  let roundId: string;
  const POINTS = [
    'Page tables',
    'page tables and TLB',
    'The TLB',
    'Why page tables are multi-level',
    'Scheduling',
  ];

  it('says there is no session before any round (200)', async () => {
    room = await classroom(h, 5);
    expect(textsIn(await room.say(room.students[0]!, 'status'))).toEqual([
      expect.stringMatching(/no live session/),
    ]);
    expect(textsIn(await room.say(room.teacher, 'end'))).toEqual([expect.stringMatching(/no live session/)]);
  });

  it('collects a muddiest point from every student, anonymous by default (200)', async () => {
    const calls = await room.say(room.teacher, 'muddy');
    const posted = postedRoundCard(calls);
    cardId = posted.id;
    expect(cardText(posted.card)).toContain('What was the muddiest point of today?');
    expect(inputIds(posted.card)).toEqual(['muddyText', 'anonymous']);
    const send = button(posted.card, 'Send');
    roundId = String(send.roundId);
    for (const [i, s] of room.students.entries()) {
      const res = await room.act(
        s,
        'submitMuddy',
        { ...send, muddyText: POINTS[i], anonymous: 'true' },
        { replyToId: cardId },
      );
      expect(cardText(res.card)).toContain(`You said: _${POINTS[i]}_`);
      expect(inputIds(res.card)).toEqual([]);
    }
    await settle(h);
    const status = textsIn(await room.say(room.students[2]!, 'status'))[0];
    expect(status).toMatch(
      /Session: \*\*Lecture .*\*\*.*Round: \*\*Muddiest point\*\*: collecting, 5 submitted\./s,
    );
  });

  it('gives the facilitator a ranked, grouped list; the card names nobody (200)', async () => {
    const fac = (await room.act(room.teacher, 'refresh', { roundId }, { replyToId: cardId })).card;
    const text = cardText(fac);
    expect(text).toContain('5 submitted');
    expect(text).toMatch(/1\. .*\((2|3)\)/);
    for (const s of room.students) expect(text).not.toContain(s.name);
    const view = (await (
      await h.service.as(room.teacher)
    ).call('getRound', { params: { roundId } })) as MuddyView;
    expect(view.submittedCount).toBe(5);
    expect(view.points?.map((p) => p.text).sort()).toEqual([...POINTS].sort());
  });

  it('refuses "end" from a student, ends the round and then the session for the facilitator (200)', async () => {
    expect(textsIn(await room.say(room.students[0]!, 'end'))).toEqual([
      expect.stringMatching(/Only facilitators/),
    ]);
    const ending = await room.say(room.teacher, 'end');
    expect(textsIn(ending)).toEqual([expect.stringMatching(/ended the round Muddiest point/)]);
    expect(ending.some((c) => c.kind === 'update' && c.targetId === cardId)).toBe(true);
    const view = (await (
      await h.service.as(room.teacher)
    ).call('getRound', { params: { roundId } })) as MuddyView;
    expect(view.phase).toBe('ended');
    expect(textsIn(await room.say(room.teacher, 'end'))).toEqual([
      expect.stringMatching(/No round is running/),
    ]);
    expect(textsIn(await room.say(room.teacher, 'end everything'))).toEqual([
      expect.stringMatching(/end session/),
    ]);
    expect(textsIn(await room.say(room.teacher, 'end session'))).toEqual([
      expect.stringMatching(/ended the session \*\*Lecture/),
    ]);
    expect(textsIn(await room.say(room.teacher, 'status'))).toEqual([
      expect.stringMatching(/no live session/),
    ]);
    await settle(h);
  });
});
