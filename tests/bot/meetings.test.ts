import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../shared/server/test/testService';
import { meetingDetails, meetingEvent } from './activities';
import {
  button,
  cardText,
  cardsIn,
  classroom,
  postedRoundCard,
  settle,
  textsIn,
  waitFor,
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

async function sessionsOf(room: Classroom) {
  const client = await h.service.as(room.teacher);
  const { items } = await client.call('listClasses', { query: {} });
  const cls = items.find((c) => c.conversation?.conversationId === room.scene.conversation.id)!;
  return (await client.call('listSessions', { params: { classId: cls.id }, query: {} })).items;
}

async function meeting(room: Classroom, user: TestUser, which: 'Start' | 'End', value: unknown) {
  const from = h.connector.calls.length;
  const res = await h.post(meetingEvent(room.scene, user, which, value));
  expect(res.status).toBe(200);
  return h.connector.calls.slice(from);
}

describe('meeting start and end open and close the session', () => {
  let room: Classroom;

  it('opens a session named after the meeting when a facilitator starts it, with one message (200)', async () => {
    room = await classroom(h, 3, { meeting: 'Thermodynamics' });
    const calls = await meeting(room, room.teacher, 'Start', meetingDetails('Lecture 7: Entropy', 'Start'));
    const today = new Date().toISOString().slice(0, 10);
    expect(textsIn(calls)).toEqual([
      expect.stringContaining(`I opened the session **Lecture 7: Entropy (${today})**`),
    ]);
    const sessions = await sessionsOf(room);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ title: `Lecture 7: Entropy (${today})`, status: 'live' });
  });

  it('keeps the live session when the meeting starts again, and says nothing (200)', async () => {
    const calls = await meeting(room, room.teacher, 'Start', meetingDetails('Lecture 7: Entropy', 'Start'));
    expect(calls).toEqual([]);
    expect(await sessionsOf(room)).toHaveLength(1);
  });

  it('keeps the service name of the member: Teams sends the event without one (200)', async () => {
    const client = await h.service.as(room.teacher);
    const cls = (await client.call('listClasses', { query: {} })).items[0]!;
    const { items } = await client.call('listMembers', { params: { classId: cls.id }, query: {} });
    expect(items.find((m) => m.userId === room.teacher.userId)?.name).toBe('Prof Ada');
  });

  it('ends the running round and the session when the meeting ends, in one message (200)', async () => {
    const start = await room.say(room.teacher, 'pi Which is a noble gas? | Neon* | Iron | Salt');
    const { id: cardId } = postedRoundCard(start);
    await settle(h);
    const calls = await meeting(room, room.teacher, 'End', meetingDetails('Lecture 7: Entropy', 'End'));
    expect(textsIn(calls)).toEqual([
      expect.stringMatching(/^The meeting ended\. I ended the round .+ I ended the session \*\*Lecture 7/),
    ]);
    expect((await sessionsOf(room))[0]).toMatchObject({ status: 'ended' });
    // The round's card shows the end.
    await waitFor(
      () => /ended/i.test(cardText(cardsIn(h.connector.updates(cardId).slice(-1))[0] ?? {})),
      'the round card to show the end',
    );
  });

  it('does nothing for a meeting that ends with no live session (200)', async () => {
    await settle(h);
    expect(await meeting(room, room.teacher, 'End', meetingDetails('Lecture 7', 'End'))).toEqual([]);
  });

  it('opens nothing when a student starts the meeting (200)', async () => {
    const other = await classroom(h, 2, { meeting: 'Optics' });
    const calls = await meeting(other, other.students[0]!, 'Start', meetingDetails('Optics 3', 'Start'));
    expect(calls).toEqual([]);
    expect(await sessionsOf(other)).toEqual([]);
    expect(await meeting(other, other.students[0]!, 'End', meetingDetails('Optics 3', 'End'))).toEqual([]);
  });

  it('names the session after the date when the event holds no usable details (200)', async () => {
    const other = await classroom(h, 1, { meeting: 'Mechanics' });
    for (const value of [null, 'garbage', { Title: 42 }, { Title: '   ' }]) {
      await meeting(other, other.teacher, 'Start', value);
    }
    const sessions = await sessionsOf(other);
    expect(sessions.map((s) => s.title)).toEqual([`Lecture ${new Date().toISOString().slice(0, 10)}`]);
  });
});

describe('saved questions', () => {
  let room: Classroom;

  it('saves a typed question without starting it; status counts it (200)', async () => {
    room = await classroom(h, 2);
    const saved = await room.say(
      room.teacher,
      'pi save Which metal is liquid at room temperature? | Mercury* | Lead',
    );
    expect(textsIn(saved)).toEqual([
      expect.stringMatching(/Saved for later: \*\*Which metal is liquid at room temperature\?\*\*/),
    ]);
    expect(textsIn(await room.say(room.teacher, 'status'))).toEqual([
      expect.stringMatching(/No round is running[\s\S]*1 saved question: type \*\*pi\*\*/),
    ]);
    // `end` leaves a saved question alone.
    expect(textsIn(await room.say(room.teacher, 'end'))).toEqual([
      expect.stringMatching(/No round is running/),
    ]);
  });

  it('refuses a student who tries to save a question (200)', async () => {
    expect(textsIn(await room.say(room.students[0]!, 'pi save Q? | a | b'))).toEqual([
      expect.stringMatching(/^Only facilitators/),
    ]);
  });

  it('lists saved questions on the form and starts one in place of the compose card (200)', async () => {
    const posted = await room.say(room.teacher, 'pi');
    const composeId = posted.find((c) => c.method === 'POST')!.id;
    const classId = String(button(cardsIn(posted)[0], 'Open the form').classId);
    const form = await room.act(room.teacher, 'composeView', { classId }, { replyToId: composeId });
    const pick = button(form.card, 'Which metal is liquid at room temperature?');
    expect(pick).toMatchObject({ classId });

    // A stale pick (unknown round) brings the form back with a notice, and nothing starts.
    const stale = await room.act(
      room.teacher,
      'composeSaved',
      { classId, roundId: 'round_missing' },
      { replyToId: composeId },
    );
    expect(cardText(stale.card)).toMatch(/already been started or removed/);

    const started = await room.act(room.teacher, 'composeSaved', pick, { replyToId: composeId });
    expect(started.status).toBe(200);
    expect(cardText(started.card)).toContain('Which metal is liquid at room temperature?');
    await settle(h);
    expect(cardText(cardsIn([h.connector.updates(composeId).at(-1)!])[0])).toMatch(/Mercury/);
    expect(textsIn(await room.say(room.teacher, 'status'))).toEqual([
      expect.stringMatching(/Round: \*\*.+\*\*: answering/),
    ]);
  });
});
