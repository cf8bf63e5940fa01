import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsMember } from './activities';
import { button, cardText, cardsIn, classroom, inputIds, settle, type Classroom } from './classroom';
import { startBotHarness, type BotHarness } from './harness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ notify: true, tallyIntervalMs: 200 });
});
afterAll(async () => {
  await h.close();
});

describe('composing a Peer Instruction question in a card', () => {
  let room: Classroom;
  let composeId: string;
  let classId: string;

  it('posts a placeholder that refreshes into the form for its author only (200)', async () => {
    room = await classroom(h, 3);
    const calls = await room.say(room.teacher, 'pi');
    const posted = calls.filter((c) => c.method === 'POST');
    expect(posted).toHaveLength(1);
    composeId = posted[0]!.id;
    const card = cardsIn(posted)[0] as { refresh: { userIds: string[] } };
    // Nothing in the chat says who is writing, or that anyone is.
    expect(cardText(card)).not.toMatch(/Prof Ada|writing/);
    const { summary, text, attachments } = posted[0]!.body;
    expect(JSON.stringify({ summary, text, attachments })).not.toMatch(/Prof Ada|writing|question is coming/);
    expect(inputIds(card)).toEqual([]);
    expect(card.refresh.userIds).toEqual([teamsMember(room.teacher).id]);
    classId = String(button(card, 'Open the form').classId);
  });

  it('shows the form to the facilitator and a polite no to a student (200)', async () => {
    const student = await room.act(room.students[0]!, 'composeView', { classId }, { replyToId: composeId });
    expect(student.status).toBe(200);
    expect(inputIds(student.card)).toEqual([]);
    expect(cardText(student.card)).toMatch(/^The next round appears on this card when it starts/);
    const fac = await room.act(room.teacher, 'composeView', { classId }, { replyToId: composeId });
    expect(inputIds(fac.card)).toEqual([
      'question',
      'option0',
      'option1',
      'option2',
      'option3',
      'option4',
      'option5',
      'correct',
      'answeringSec',
      'discussionSec',
    ]);
  });

  it('sends a form with a gap back with what to fix, keeping what was typed (200)', async () => {
    const res = await room.act(
      room.teacher,
      'composePi',
      {
        classId,
        question: 'Which is a prime?',
        option0: '4',
        option1: '',
        option2: '7',
        correct: '2',
        answeringSec: '60',
      },
      { replyToId: composeId },
    );
    expect(cardText(res.card)).toMatch(/^Option B is empty/);
    expect(JSON.stringify(res.card)).toContain('"value":"Which is a prime?"');
    expect(res.calls).toHaveLength(0);
    const student = await room.act(
      room.students[0]!,
      'composePi',
      { classId, question: 'Hijack', option0: 'a', option1: 'b', correct: '0' },
      { replyToId: composeId },
    );
    expect(cardText(student.card)).toMatch(/next round appears on this card/);
  });

  it('starts the question in place of the compose card, with the chosen timing (200)', async () => {
    const res = await room.act(
      room.teacher,
      'composePi',
      {
        classId,
        question: 'Which is a prime?',
        option0: '4',
        option1: '7',
        option2: '9',
        correct: '1',
        answeringSec: '60',
        discussionSec: '240',
      },
      { replyToId: composeId },
    );
    expect(res.status).toBe(200);
    expect(cardText(res.card)).toContain('Answering · your facilitator view');
    // The facilitator's own card marks no correct answer while students answer (a shared screen).
    expect(cardText(res.card)).not.toContain('✓');
    expect(cardText(res.card)).toContain('B. 7');
    // No new card: the compose card became the round card.
    expect(res.calls.filter((c) => c.method === 'POST' && cardsIn([c]).length > 0)).toHaveLength(0);
    const updated = res.calls.filter((c) => c.kind === 'update' && c.targetId === composeId);
    expect(updated.length).toBeGreaterThan(0);
    const shared = cardsIn(updated).at(-1)!;
    expect(cardText(shared)).not.toContain('✓');
    const roundId = String(button(shared, 'Submit answer').roundId);
    const client = await h.service.as(room.teacher);
    expect(await client.call('getRound', { params: { roundId } })).toMatchObject({
      phase: 'answering',
      correctOption: 1,
    });
    const view = await client.call('getRound', { params: { roundId } });
    expect(view.deadline! - view.phaseStartedAt).toBe(60_000);
    const answer = await room.act(
      room.students[1]!,
      'answer',
      { roundId, phase: 'answering', option: '1', confidence: 'high' },
      { replyToId: composeId },
    );
    expect(cardText(answer.card)).toContain('Your answer: **B. 7**');
    await settle(h);
  });
});
