import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PiView } from '../../shared/contract/rounds/viewSchemas';
import { teamsMember } from './activities';
import {
  button,
  cardText,
  cardsIn,
  classroom,
  inBatches,
  inputIds,
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

const N = 40;
/** First vote: 16 right (B), 14 on A, 10 on C: 40% correct, the discussion band. Re-vote: 28 right. */
const firstChoice = (i: number) => (i < 16 ? 1 : i < 30 ? 0 : 2);
const secondChoice = (i: number) => (i < 28 ? 1 : i < 36 ? 0 : 2);
const CONF = ['low', 'medium', 'high'] as const;

/** The names of students in a card, other than `except`. */
const namesIn = (room: Classroom, card: unknown, except: string[] = []) =>
  room.students.map((s) => s.name).filter((n) => !except.includes(n) && cardText(card).includes(n));

describe('Peer Instruction through the bot, 40 students', () => {
  let room: Classroom;
  let cardId: string;
  let roundId: string;

  async function facilitatorDoes(title: string, from: Card): Promise<Card> {
    const res = await room.act(room.teacher, 'advance', button(from, title), { replyToId: cardId });
    expect(res.status).toBe(200);
    // The one card was updated in place for everyone, not posted again.
    expect(res.calls.filter((c) => c.kind === 'update' && c.targetId === cardId).length).toBeGreaterThan(0);
    expect(res.calls.filter((c) => c.method === 'POST' && cardsIn([c]).length > 0)).toHaveLength(0);
    return res.card!;
  }

  it('posts one round card that everyone can answer on, listing all 41 people for their own view (200)', async () => {
    room = await classroom(h, N);
    const calls = await room.say(
      room.teacher,
      'pi Which sorting algorithm is stable? | Quicksort | Merge sort* | Heapsort',
    );
    expect(textsIn(calls)).toEqual([
      expect.stringMatching(/opened the session \*\*Lecture \d{4}-\d\d-\d\d\*\*/),
    ]);
    const posted = postedRoundCard(calls);
    cardId = posted.id;
    expect(cardsIn(calls.filter((c) => c.method === 'POST'))).toHaveLength(1);
    const card = posted.card as { refresh: { userIds: string[] }; version: string };
    expect(card.version).toBe('1.5');
    expect(card.refresh.userIds).toHaveLength(N + 1);
    expect(card.refresh.userIds).toContain(teamsMember(room.teacher).id);
    expect(inputIds(card)).toEqual(['option', 'confidence']);
    expect(cardText(card)).not.toMatch(/✓|%/);
    roundId = String(button(card, 'Submit answer').roundId);
    await settle(h);
  });

  it('takes 40 answers with confidence; each student sees only their own (200)', async () => {
    const shared = postedRoundCard(
      h.connector.calls.filter((c) => c.targetId === cardId || c.id === cardId),
    ).card;
    const data = button(shared, 'Submit answer');
    const results = await inBatches(room.students, 8, (s, i) =>
      room.act(
        s,
        'answer',
        { ...data, option: String(firstChoice(i)), confidence: CONF[i % 3] },
        { replyToId: cardId },
      ),
    );
    results.forEach((r, i) => {
      expect(r.status).toBe(200);
      const text = cardText(r.card);
      expect(text).toContain(
        `Your answer: **${['A. Quicksort', 'B. Merge sort', 'C. Heapsort'][firstChoice(i)]}**`,
      );
      expect(namesIn(room, r.card)).toEqual([]);
      expect(text).not.toMatch(/%/);
    });
    // A second answer is refused politely, and not counted.
    const again = await room.act(
      room.students[0]!,
      'answer',
      { ...data, option: '2', confidence: 'low' },
      { replyToId: cardId },
    );
    expect(cardText(again.card)).toMatch(/already answered/);
    await settle(h);
    const view = (await (
      await h.service.as(room.teacher)
    ).call('getRound', { params: { roundId } })) as PiView;
    expect(view.answeredCount).toBe(N);
    expect(view.results?.before.counts).toEqual([14, 16, 10]);
    // The shared card follows the count (tally updates, thinned by the service and the bot).
    const latest = () => cardText(cardsIn([h.connector.updates(cardId).at(-1)!])[0]);
    await waitFor(() => latest().includes(`${N} answered`), 'the shared card to show every answer');
    await settle(h);
  });

  it('shows the gate to the facilitator alone: 40% correct, discuss (200)', async () => {
    const fac = await room.act(room.teacher, 'refresh', { roundId }, { replyToId: cardId });
    expect(cardText(fac.card)).toContain(`${N} of ${N} answered`);
    const res = await room.act(room.teacher, 'closePhase', button(fac.card, 'Close answering'), {
      replyToId: cardId,
    });
    // The lecturer's card is on a shared screen: the advice, no share correct, no bars, no marker.
    const gate = cardText(res.card);
    expect(gate).toContain('Discuss: the class is split');
    expect(gate).not.toMatch(/%|✓/);
    // "Show private details" answers this facilitator alone, and sends nothing to the chat.
    await settle(h);
    const shown = await room.act(room.teacher, 'refresh', button(res.card, 'Show private details'), {
      replyToId: cardId,
    });
    expect(shown.calls).toHaveLength(0);
    const detailed = cardText(shown.card);
    expect(detailed).toContain('(40% correct)');
    expect(detailed).toContain('B ✓ ████░░░░░░  40% (16)');
    expect(detailed).toContain('B. Merge sort  ✓ correct');
    const hidden = await room.act(room.teacher, 'refresh', button(shown.card, 'Hide private details'), {
      replyToId: cardId,
    });
    expect(cardText(hidden.card)).not.toMatch(/%|✓/);
    const student = await room.act(room.students[3]!, 'refresh', { roundId }, { replyToId: cardId });
    expect(cardText(student.card)).not.toMatch(/Discuss: the class|40%|Start discussion/);
    await settle(h);
  });

  it('forms groups and tells each student privately who to talk to, with one chat message (200)', async () => {
    const fac = await room.act(room.teacher, 'refresh', { roundId }, { replyToId: cardId });
    const from = h.connector.calls.length;
    const discussion = await facilitatorDoes('Start discussion', fac.card!);
    expect(cardText(discussion)).toMatch(/\d+ discussion groups/);
    await waitFor(() => textsIn(h.connector.calls.slice(from)).length > 0, 'the discussion message');
    await settle(h);
    const later = h.connector.calls.slice(from);
    expect(textsIn(later)).toEqual([expect.stringMatching(/^Discussion time/)]);
    expect(cardsIn(later.filter((c) => c.method === 'POST'))).toHaveLength(0);

    const view = (await (
      await h.service.as(room.teacher)
    ).call('getRound', { params: { roundId } })) as PiView;
    const groups = view.groups!;
    expect(groups.flatMap((g) => g.members)).toHaveLength(N);
    for (const s of room.students) {
      const mine = (await room.act(s, 'refresh', { roundId }, { replyToId: cardId })).card;
      const group = groups.find((g) => g.members.some((m) => m.userId === s.userId))!;
      const partners = group.members.filter((m) => m.userId !== s.userId).map((m) => m.name);
      expect(partners.length).toBeGreaterThan(0);
      expect(namesIn(room, mine, [s.name]).sort()).toEqual(partners.sort());
    }
    // The shared card names nobody.
    expect(namesIn(room, cardsIn([h.connector.updates(cardId).at(-1)!])[0])).toEqual([]);
  });

  it('runs the re-vote and reveals distributions, switches and normalized change to everyone (200)', async () => {
    const fac = await room.act(room.teacher, 'refresh', { roundId }, { replyToId: cardId });
    const revote = await facilitatorDoes('Open re-vote', fac.card!);
    expect(cardText(revote)).toContain('0 of 40 re-voted');
    await settle(h);
    const shared = cardsIn([h.connector.updates(cardId).at(-1)!])[0]!;
    const data = button(shared, 'Submit re-vote');
    const results = await inBatches(room.students, 8, (s, i) =>
      room.act(
        s,
        'revote',
        { ...data, option: String(secondChoice(i)), confidence: 'high' },
        { replyToId: cardId },
      ),
    );
    for (const r of results) expect(cardText(r.card)).toContain('Your re-vote:');
    await settle(h);

    const before = await room.act(room.teacher, 'refresh', { roundId }, { replyToId: cardId });
    const reveal = await facilitatorDoes('Reveal', before.card!);
    expect(cardText(reveal)).toContain('Correct answer: **B. Merge sort**');
    await settle(h);
    const everyone = cardText(cardsIn([h.connector.updates(cardId).at(-1)!])[0]);
    expect(everyone).toContain('Correct answer: **B. Merge sort**');
    expect(everyone).toContain('A   ████░░░░░░  35% (14) → ██░░░░░░░░  20% (8)');
    expect(everyone).toContain('B ✓ ████░░░░░░  40% (16) → ███████░░░  70% (28)');
    expect(everyone).toContain('C   ███░░░░░░░  25% (10) → █░░░░░░░░░  10% (4)');
    expect(everyone).toContain('40% → 70%');
    // (0.70 - 0.40) / (1 - 0.40)
    expect(everyone).toContain('+0.50');
    expect(everyone).toContain('wrong → right 12, right → wrong 0');
    expect(namesIn(room, everyone)).toEqual([]);

    const analytics = await (
      await h.service.as(room.teacher)
    ).call('getRoundAnalytics', { params: { roundId } });
    expect(analytics).toMatchObject({
      before: { answered: N },
      after: { answered: N },
      normalizedChange: expect.closeTo(0.5, 9) as unknown,
    });
    const mine = await room.act(room.students[20]!, 'refresh', { roundId }, { replyToId: cardId });
    expect(cardText(mine.card)).toContain('You answered A. Quicksort ✗, then B. Merge sort ✓.');
  });

  it('ends the round from the card; later actions change nothing (200)', async () => {
    const fac = await room.act(room.teacher, 'refresh', { roundId }, { replyToId: cardId });
    const ended = await facilitatorDoes('End round', fac.card!);
    expect(cardText(ended)).toContain('Ended');
    const late = await room.act(
      room.students[0]!,
      'revote',
      { roundId, phase: 'revote', option: '0', confidence: 'low' },
      { replyToId: cardId },
    );
    expect(late.status).toBe(200);
    expect(cardText(late.card)).toMatch(/round is over|moved on/);
    const analytics = await (
      await h.service.as(room.teacher)
    ).call('getRoundAnalytics', { params: { roundId } });
    expect(analytics).toMatchObject({ after: { counts: [8, 28, 4] } });
  });
});
