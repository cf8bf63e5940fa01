import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionRoundView } from '../../shared/contract/rounds/viewSchemas';
import {
  actionsOf,
  button,
  cardText,
  cardsIn,
  classroom,
  postedRoundCard,
  settle,
  textsIn,
  waitFor,
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

describe('question round through the bot', () => {
  let room: Classroom;
  let cardId: string;
  let roundId: string;
  /** Every card a student other than the anonymous asker received in an invoke answer. */
  const seenByOthers: Card[] = [];
  const ANON = 'Why do threads share one address space?';

  const view = async () =>
    (await (await h.service.as(room.teacher)).call('getRound', { params: { roundId } })) as QuestionRoundView;

  it('opens a round on the topic with an ask form for everyone (200)', async () => {
    room = await classroom(h, 6);
    const calls = await room.say(room.teacher, 'ask Processes and threads');
    const posted = postedRoundCard(calls);
    cardId = posted.id;
    expect(cardText(posted.card)).toContain('Question round: Processes and threads');
    roundId = String(button(posted.card, 'Ask').roundId);
    await settle(h);
  });

  it('takes an anonymous and a named question and upvotes; the anonymous author is named nowhere (200)', async () => {
    const [anon, named, ...others] = room.students;
    const ask = button(
      postedRoundCard(h.connector.calls.filter((c) => c.id === cardId || c.targetId === cardId)).card,
      'Ask',
    );
    const first = await room.act(
      anon!,
      'ask',
      { ...ask, questionText: ANON, anonymous: 'true' },
      { replyToId: cardId },
    );
    expect(cardText(first.card)).toContain('your question');
    const second = await room.act(
      named!,
      'ask',
      { ...ask, questionText: 'What does a context switch cost?', anonymous: 'false' },
      { replyToId: cardId },
    );
    seenByOthers.push(second.card!);
    const listed = (await view()).questions;
    const q1 = listed.find((q) => q.text === ANON);
    const q2 = listed.find((q) => q.text !== ANON);
    expect(listed).toHaveLength(2);
    for (const s of others) {
      const mine = (await room.act(s, 'refresh', { roundId }, { replyToId: cardId })).card!;
      seenByOthers.push(mine);
      expect(cardText(mine)).toContain(ANON);
      const up = actionsOf(mine).find((a) => a.verb === 'vote' && a.data.questionId === q1!.id)!;
      const voted = await room.act(s, 'vote', up.data, { replyToId: cardId });
      seenByOthers.push(voted.card!);
      expect(actionsOf(voted.card).find((a) => a.data.questionId === q1!.id)?.title).toBe('Withdraw vote');
    }
    // One student also upvotes the named question; votes are counted once each.
    const up2 = actionsOf(seenByOthers.at(-1)).find(
      (a) => a.verb === 'vote' && a.data.questionId === q2!.id,
    )!;
    await room.act(others[0]!, 'vote', up2.data, { replyToId: cardId });
    await room.act(others[0]!, 'vote', up2.data, { replyToId: cardId });
    const v = await view();
    expect(v.questions.find((q) => q.id === q1!.id)?.votes.up).toBe(others.length);
    expect(v.questions.find((q) => q.id === q2!.id)?.votes.up).toBe(1);
    // The facilitator may know who asked (the class is not fully anonymous), but only after asking for
    // private details: their card is on the screen they share. Classmates never do.
    const fac = (await room.act(room.teacher, 'refresh', { roundId }, { replyToId: cardId })).card;
    expect(cardText(fac)).not.toContain(anon!.name);
    await settle(h);
    const shown = await room.act(room.teacher, 'refresh', button(fac, 'Show private details'), {
      replyToId: cardId,
    });
    expect(shown.calls).toHaveLength(0);
    expect(cardText(shown.card)).toContain(`asked by ${anon!.name} (anonymous to classmates)`);
    expect(cardText(second.card)).toContain('anonymous');
    await settle(h);
  });

  it('assigns the top questions to peer answerers who answer in the card; peers rate, the facilitator endorses (200)', async () => {
    const fac = (await room.act(room.teacher, 'refresh', { roundId }, { replyToId: cardId })).card!;
    const from = h.connector.calls.length;
    const closed = await room.act(
      room.teacher,
      'closePhase',
      button(fac, 'Close asking and assign answerers'),
      { replyToId: cardId },
    );
    expect(cardText(closed.card)).toContain('assigned to');
    await waitFor(() => textsIn(h.connector.calls.slice(from)).length > 0, 'the answering message');
    await settle(h);
    expect(textsIn(h.connector.calls.slice(from))).toEqual([
      expect.stringMatching(/top questions went to classmates/),
    ]);

    const v = await view();
    const q1 = v.questions.find((q) => q.text === ANON)!;
    const answerers = q1.assignedTo!.map((p) => p.userId);
    expect(answerers.length).toBeGreaterThan(0);
    expect(answerers).not.toContain(room.students[0]!.userId);
    const answerer = room.students.find((s) => s.userId === answerers[0])!;
    const mine = (await room.act(answerer, 'refresh', { roundId }, { replyToId: cardId })).card!;
    seenByOthers.push(mine);
    expect(cardText(mine)).toContain('assigned to you');
    const send = actionsOf(mine).find((a) => a.verb === 'answerQuestion' && a.data.questionId === q1.id)!;
    const answered = await room.act(
      answerer,
      'answerQuestion',
      { ...send.data, [`answer_${q1.id}`]: 'Threads of one process share its memory map.' },
      { replyToId: cardId },
    );
    expect(cardText(answered.card)).toContain('Threads of one process share its memory map.');
    expect(cardText(answered.card)).toContain('your answer');

    const rater = room.students.find((s) => !answerers.includes(s.userId) && s !== room.students[0])!;
    // A classmate the question was not given to is told exactly that, not that they should facilitate.
    const notMine = await room.act(
      rater,
      'answerQuestion',
      { ...send.data, [`answer_${q1.id}`]: 'I want to answer too.' },
      { replyToId: cardId },
    );
    expect(cardText(notMine.card)).toContain('gave this question to other classmates');
    expect(cardText(notMine.card)).not.toMatch(/facilitator(s)? of this class/i);
    const theirs = (await room.act(rater, 'refresh', { roundId }, { replyToId: cardId })).card!;
    const rated = await room.act(rater, 'rate', button(theirs, 'Helpful'), { replyToId: cardId });
    seenByOthers.push(rated.card!);
    expect(cardText(rated.card)).toContain('helpful 1');

    const facNow = (await room.act(room.teacher, 'refresh', { roundId }, { replyToId: cardId })).card!;
    const endorsed = await room.act(room.teacher, 'endorse', button(facNow, 'Endorse'), {
      replyToId: cardId,
    });
    expect(cardText(endorsed.card)).toContain('✔ endorsed');
    expect((await view()).questions.find((q) => q.id === q1.id)?.answers[0]).toMatchObject({
      endorsed: true,
      ratings: { up: 1 },
    });
  });

  it('ends the round; no card any classmate received names the anonymous asker (200)', async () => {
    const fac = (await room.act(room.teacher, 'refresh', { roundId }, { replyToId: cardId })).card!;
    const ended = await room.act(room.teacher, 'advance', button(fac, 'End round'), { replyToId: cardId });
    expect(cardText(ended.card)).toContain('Ended');
    await settle(h);
    const anonName = room.students[0]!.name;
    const everything = [...cardsIn(h.connector.calls), ...seenByOthers];
    expect(everything.length).toBeGreaterThan(10);
    for (const card of everything) expect(cardText(card)).not.toContain(anonName);
    for (const text of textsIn(h.connector.calls)) expect(text).not.toContain(anonName);
  });
});
