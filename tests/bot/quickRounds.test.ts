import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollView, WordcloudView } from '../../shared/contract/rounds/viewSchemas';
import {
  actionsOf,
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

/** A bar line of the results: a block bar and a percentage. */
const BARS = /[█░]{10} +\d+%/;

describe('a quick poll through the bot', () => {
  let room: Classroom;
  let cardId: string;
  let roundId: string;

  it('refuses a student and a poll without options, each with its own sentence (200)', async () => {
    room = await classroom(h, 4);
    expect(textsIn(await room.say(room.students[0]!, 'poll Which? | a | b'))).toEqual([
      expect.stringMatching(/Only facilitators/),
    ]);
    expect(textsIn(await room.say(room.teacher, 'poll Only a question'))).toEqual([
      expect.stringMatching(/at least 2 options/),
    ]);
  });

  it('takes answers and shows nobody the distribution while answering, the facilitator included (200)', async () => {
    const posted = postedRoundCard(
      await room.say(room.teacher, 'poll Which topic next? | Paging | Threads | Locks'),
    );
    cardId = posted.id;
    expect(cardText(posted.card)).toContain('Which topic next?');
    expect(inputIds(posted.card)).toEqual(['pollOption']);
    const sendData = button(posted.card, 'Send');
    roundId = String(sendData.roundId);
    const picks = ['0', '0', '2', '1'];
    for (const [i, s] of room.students.entries()) {
      const res = await room.act(
        s,
        'pollAnswer',
        { ...sendData, pollOption: picks[i] },
        { replyToId: cardId },
      );
      expect(res.status).toBe(200);
      expect(cardText(res.card)).toMatch(/Your answer: \*\*(Paging|Threads|Locks)\*\*/);
      expect(cardText(res.card)).not.toMatch(BARS);
    }
    // A student changes their mind from their own card.
    const change = await room.act(
      room.students[3]!,
      'pollAnswer',
      { ...sendData, pollOption: '2' },
      { replyToId: cardId },
    );
    expect(cardText(change.card)).toContain('Your answer: **Locks**');
    await settle(h);
    const fac = await room.act(room.teacher, 'refresh', { roundId }, { replyToId: cardId });
    const facText = cardText(fac.card);
    expect(facText).toContain('4 answered');
    expect(facText).not.toMatch(BARS);
    expect(facText).not.toMatch(/\d+%/);
    const view = (await (
      await h.service.as(room.teacher)
    ).call('getRound', { params: { roundId } })) as PollView;
    expect(view).toMatchObject({ answeredCount: 4, results: null });
  });

  it('gives the facilitator a private preview at the close, and everyone the results at the reveal (200)', async () => {
    let fac = (await room.act(room.teacher, 'refresh', { roundId }, { replyToId: cardId })).card;
    const closed = await room.act(room.teacher, 'advance', button(fac, 'Close answers'), {
      replyToId: cardId,
    });
    expect(closed.status).toBe(200);
    fac = closed.card;
    expect(cardText(fac)).toMatch(BARS);
    expect(cardText(fac)).toContain('Only you see these results');
    const student = (await room.act(room.students[0]!, 'refresh', { roundId }, { replyToId: cardId })).card;
    expect(cardText(student)).not.toMatch(BARS);
    expect(cardText(student)).toContain('appear when your lecturer shows them');

    const revealed = await room.act(room.teacher, 'advance', button(fac, 'Reveal results'), {
      replyToId: cardId,
    });
    expect(revealed.status).toBe(200);
    await settle(h);
    const after = (await room.act(room.students[0]!, 'refresh', { roundId }, { replyToId: cardId })).card;
    const text = cardText(after);
    expect(text).toMatch(/Paging +█{5}░{5} +50% \(2\)/);
    expect(text).toMatch(/Locks +█{5}░{5} +50% \(2\)/);
    for (const s of room.students) expect(text).not.toContain(s.name);
    const ending = await room.say(room.teacher, 'end');
    expect(textsIn(ending)).toEqual([expect.stringMatching(/ended the round Poll/)]);
    await settle(h);
  });
});

describe('a word cloud through the bot', () => {
  let room: Classroom;
  let cardId: string;
  let roundId: string;

  it('collects words; the word filter holds one back for the facilitator (200)', async () => {
    room = await classroom(h, 4);
    const posted = postedRoundCard(await room.say(room.teacher, 'cloud One word for entropy'));
    cardId = posted.id;
    expect(cardText(posted.card)).toContain('One word for entropy');
    expect(inputIds(posted.card)).toEqual(['wordText']);
    const add = button(posted.card, 'Add to the cloud');
    roundId = String(add.roundId);
    const words = ['Disorder', 'disorders', 'fucking heat', 'Chaos'];
    for (const [i, s] of room.students.entries()) {
      const res = await room.act(s, 'submitWord', { ...add, wordText: words[i] }, { replyToId: cardId });
      expect(res.status).toBe(200);
      expect(cardText(res.card)).toContain(`_${words[i]}_`);
    }
    const held = (await room.act(room.students[2]!, 'refresh', { roundId }, { replyToId: cardId })).card;
    expect(cardText(held)).toContain('_fucking heat_ (waiting for your lecturer)');
    const twice = await room.act(
      room.students[0]!,
      'submitWord',
      { ...add, wordText: 'DISORDER' },
      { replyToId: cardId },
    );
    // The bot words refusals by reason (the shared refusal texts are being rewritten per reason elsewhere).
    expect(cardText(twice.card)).toMatch(/already answered/);
  });

  it('lets only the facilitator keep a held word out, then reveals the cloud as text (200)', async () => {
    let fac = (await room.act(room.teacher, 'refresh', { roundId }, { replyToId: cardId })).card;
    expect(cardText(fac)).toContain('Waiting for approval (1)');
    const keep = button(fac, 'Keep hidden');
    const bystander = await room.act(room.students[0]!, 'moderateWord', keep, { replyToId: cardId });
    expect(cardText(bystander.card ?? {}) + textsIn(bystander.calls).join(' ')).toMatch(
      /facilitator|lecturer/i,
    );
    const view0 = (await (
      await h.service.as(room.teacher)
    ).call('getRound', { params: { roundId } })) as WordcloudView;
    expect(view0.entries?.find((e) => e.text === 'fucking heat')?.status).toBe('held');

    fac = (await room.act(room.teacher, 'moderateWord', keep, { replyToId: cardId })).card;
    expect(cardText(fac)).not.toContain('Waiting for approval');
    expect(actionsOf(fac).map((a) => a.title)).toContain('Reveal results');
    const revealed = await room.act(room.teacher, 'advance', button(fac, 'Reveal results'), {
      replyToId: cardId,
    });
    expect(revealed.status).toBe(200);
    await settle(h);
    const student = cardText(
      (await room.act(room.students[1]!, 'refresh', { roundId }, { replyToId: cardId })).card,
    );
    expect(student).toMatch(/1\. \*\*Disorder\*\* \(2\)/);
    expect(student).toContain('**Chaos** (1)');
    expect(student).not.toContain('fucking');
    const view = (await (
      await h.service.as(room.teacher)
    ).call('getRound', { params: { roundId } })) as WordcloudView;
    expect(view.entries?.find((e) => e.text === 'fucking heat')?.status).toBe('hidden');
    await room.say(room.teacher, 'end');
    await settle(h);
  });
});
