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

/** More people than Teams refreshes a card for by itself (60). */
const N = 80;
const ANSWERING = 12;

type RefreshCard = Card & { refresh: { userIds: string[] } };

describe(`Peer Instruction in a channel of ${N + 1} people: "Show my view"`, () => {
  let room: Classroom;
  let cardId: string;
  let roundId: string;
  const sharedCard = () =>
    cardsIn([
      h.connector.updates(cardId).at(-1) ?? h.connector.calls.find((c) => c.id === cardId)!,
    ])[0] as RefreshCard;

  it('lists at most 60 people for automatic refresh, the facilitator first, and offers everyone else a button', async () => {
    room = await classroom(h, N);
    const calls = await room.say(
      room.teacher,
      'pi Which sorting algorithm is stable? | Quicksort | Merge sort* | Heapsort',
    );
    const posted = postedRoundCard(calls);
    cardId = posted.id;
    const card = posted.card as RefreshCard;
    expect(card.refresh.userIds.length).toBeLessThanOrEqual(60);
    expect(card.refresh.userIds[0]).toBe(teamsMember(room.teacher).id);
    expect(button(card, 'Show my view')).toMatchObject({ roundId: expect.any(String) as string });
    roundId = String(button(card, 'Show my view').roundId);
    await settle(h);
  });

  it('gives a student Teams did not list their own answerable view when they press the button', async () => {
    const last = room.students.at(-1)!;
    expect(sharedCard().refresh.userIds).not.toContain(teamsMember(last).id);
    const mine = await room.act(last, 'refresh', { roundId }, { replyToId: cardId });
    expect(mine.status).toBe(200);
    expect(inputIds(mine.card)).toEqual(['option', 'confidence']);
    const answers = await inBatches(room.students.slice(0, ANSWERING), 6, (s, i) =>
      room.act(
        s,
        'answer',
        { ...button(mine.card, 'Submit answer'), option: String(i % 2), confidence: 'medium' },
        { replyToId: cardId },
      ),
    );
    for (const a of answers) expect(cardText(a.card)).toMatch(/Your answer: \*\*/);
    await settle(h);
  });

  it('puts the grouped students in the refresh list at discussion, and each one’s button names their partners', async () => {
    const fac = await room.act(room.teacher, 'refresh', { roundId }, { replyToId: cardId });
    const gate = await room.act(room.teacher, 'closePhase', button(fac.card, 'Close answering'), {
      replyToId: cardId,
    });
    expect(gate.status).toBe(200);
    const started = await room.act(room.teacher, 'advance', button(gate.card, 'Start discussion'), {
      replyToId: cardId,
    });
    expect(started.status).toBe(200);
    await settle(h);
    const shared = sharedCard();
    expect(cardText(shared)).toContain('Press **Show my view** to see who to talk to.');
    const view = (await (
      await h.service.as(room.teacher)
    ).call('getRound', { params: { roundId } })) as PiView;
    const grouped = view.groups!.flatMap((g) => g.members.map((m) => m.userId));
    expect(grouped).toHaveLength(ANSWERING);
    // Those with private news are listed, so their cards turn into their own view by themselves.
    const listed = new Set(shared.refresh.userIds);
    for (const s of room.students.filter((x) => grouped.includes(x.userId)))
      expect(listed.has(teamsMember(s).id)).toBe(true);
    for (const s of room.students.slice(0, ANSWERING)) {
      const mine = await room.act(s, 'refresh', { roundId }, { replyToId: cardId });
      const group = view.groups!.find((g) => g.members.some((m) => m.userId === s.userId))!;
      for (const partner of group.members.filter((m) => m.userId !== s.userId))
        expect(cardText(mine.card)).toContain(partner.name);
    }
    // Someone who did not answer sees the discussion without a group, and no names.
    const bystander = await room.act(room.students.at(-1)!, 'refresh', { roundId }, { replyToId: cardId });
    for (const s of room.students.slice(0, ANSWERING)) expect(cardText(bystander.card)).not.toContain(s.name);
  });
});
