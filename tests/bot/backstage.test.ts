import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actionsOf,
  button,
  cardText,
  cardsIn,
  classroom,
  settle,
  textsIn,
  type Card,
  type Classroom,
} from './classroom';
import { startBotHarness, type BotHarness } from './harness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h.close();
});

/** Ten questions on unrelated topics, so the service's duplicate check merges none of them. */
const TOPICS = [
  'Why does the moon keep the same face towards the earth?',
  'How do vaccines train the immune system?',
  'What makes a sorting algorithm stable?',
  'When did the Roman republic become an empire?',
  'Which enzyme unwinds the DNA helix?',
  'How is inflation measured by central banks?',
  'Why do violins sound different from cellos?',
  'What limits the speed of a transistor?',
  'How do glaciers carve valleys?',
  'Where does the energy in a hurricane come from?',
];
const SECRET = 'Is it normal to feel lost in this course already?';

describe('always-on questions through the bot', () => {
  let room: Classroom;
  /** Every card any classmate of the anonymous asker saw (posted or answered to an invoke). */
  const seenByOthers: Card[] = [];

  it('refuses politely when there is no live session (200)', async () => {
    room = await classroom(h, 11);
    const calls = await room.say(room.students[0]!, 'ask Is there a lecture today?');
    expect(textsIn(calls).join('\n')).toContain('There is no live session right now');
  });

  it('takes named and anonymous questions from students and says so (200)', async () => {
    await room.say(room.teacher, 'pi save Warm-up question | yes | no*');
    const anon = await room.say(room.students[10]!, `ask anon ${SECRET}`);
    expect(textsIn(anon).join('\n')).toContain('anonymously');
    for (const [i, topic] of TOPICS.entries()) {
      const calls = await room.say(room.students[i]!, `ask ${topic}`);
      expect(textsIn(calls).join('\n'), topic).toContain('your question is in');
    }
    await settle(h);
  });

  it('shows one ranked, paged card; the anonymous author is named nowhere; page 2 reaches the 9th+ question and votes on it (200)', async () => {
    const reader = room.students[9]!;
    const posted = cardsIn(await room.say(reader, 'questions'));
    expect(posted).toHaveLength(1);
    const shared = posted[0]!;
    seenByOthers.push(shared);
    expect(shared.refresh).toMatchObject({ userIds: [`29:${reader.userId}`] });
    expect(cardText(shared)).toContain('Questions 1-8 of 11');
    expect(actionsOf(shared).filter((a) => a.verb === 'backstageVote')).toHaveLength(8);
    const next = await room.act(reader, 'backstagePage', button(shared, 'Next'));
    expect(next.status).toBe(200);
    seenByOthers.push(next.card!);
    expect(cardText(next.card)).toContain('Questions 9-11 of 11');
    const upvote = button(next.card, 'Upvote #9');
    const voted = await room.act(reader, 'backstageVote', upvote);
    seenByOthers.push(voted.card!);
    expect(cardText(voted.card)).toContain('Thanks, your vote counts.');
    // The card stays on the page it was on, with the vote now withdrawable.
    expect(cardText(voted.card)).toContain('Questions 9-11 of 11');
    const teacher = await h.service.as(room.teacher);
    const page = await teacher.call('listBackstage', {
      params: { sessionId: String(upvote.sessionId) },
      query: { limit: 100 },
    });
    expect(page.items.find((q) => q.id === upvote.questionId)?.up).toBe(1);
    const back = await room.act(reader, 'backstagePage', button(voted.card, 'Previous'));
    seenByOthers.push(back.card!);
    expect(cardText(back.card)).toContain('Questions 1-8 of 11');
    // Everything a classmate saw carries the question but never the name of who asked it.
    const all = seenByOthers.map(cardText).join('\n');
    expect(all).toContain(SECRET);
    expect(all).not.toContain(room.students[10]!.name);
    expect(all).toContain(room.students[2]!.name);
  });

  it("the asker sees their own anonymous question as theirs, and can't vote on it (200)", async () => {
    const asker = room.students[10]!;
    const posted = cardsIn(await room.say(asker, 'questions'))[0]!;
    // The shared copy in the chat offers a vote on every question: it shows nothing of the asker's own.
    expect(cardText(posted)).not.toContain('asked by you');
    const next = await room.act(asker, 'backstagePage', button(posted, 'Next'));
    // Their own view names the question as theirs and offers no vote on it.
    expect(cardText(next.card)).toContain(`${SECRET}\n0 votes · asked by you`);
    expect(actionsOf(next.card).map((a) => a.title)).not.toContain('Upvote #11');
    const mineOnShared = actionsOf(posted).filter((a) => a.verb === 'backstageVote');
    const teacher = await h.service.as(room.teacher);
    const page = await teacher.call('listBackstage', {
      params: { sessionId: String(mineOnShared[0]!.data.sessionId) },
      query: { limit: 100 },
    });
    const secretId = page.items.find((q) => q.text === SECRET)!.id;
    const refused = await room.act(asker, 'backstageVote', {
      sessionId: mineOnShared[0]!.data.sessionId,
      questionId: secretId,
      value: 1,
      offset: 8,
    });
    expect(refused.status).toBe(200);
    expect(cardText(refused.card)).toContain("That's your own question, so you can't vote on it.");
    expect(cardText(refused.card)).toContain('asked by you');
  });

  it('a student asking too fast gets a polite refusal (200)', async () => {
    const fast = room.students[9]!;
    const replies: string[] = [];
    for (const [i, topic] of ['rivers', 'comets', 'tariffs', 'proteins', 'sonnets', 'bridges'].entries())
      replies.push(...textsIn(await room.say(fast, `ask Question ${i} about ${topic} and their history?`)));
    expect(replies.at(-1)).toBe("Sorry, that's a lot at once. Please wait a moment and try again.");
  });

  it('a paused student is told until when; an empty ask gets the usage (200)', async () => {
    const noisy = room.students[8]!;
    const teacher = await h.service.as(room.teacher);
    const classes = await teacher.call('listClasses', {});
    const classId = classes.items[0]!.id;
    await teacher.call('pauseMember', { params: { classId, userId: noisy.userId }, body: { minutes: 30 } });
    const calls = await room.say(noisy, 'ask Can I still ask something?');
    expect(textsIn(calls).join('\n')).toMatch(
      /a facilitator has paused your posting in this class until \d{4}-/,
    );
    expect(textsIn(await room.say(noisy, 'ask anon')).join('\n')).toContain(
      'Write your question after **ask**',
    );
  });

  it('a question held for approval says so, and only its asker sees it waiting (200)', async () => {
    const teacher = await h.service.as(room.teacher);
    const classId = (await teacher.call('listClasses', {})).items[0]!.id;
    await teacher.call('setModerationSettings', { params: { classId }, body: { queueAll: true, words: [] } });
    const asker = room.students[7]!;
    const calls = await room.say(asker, 'ask What is the exam format this year?');
    expect(textsIn(calls)).toEqual([
      'Thanks, your question waits for a facilitator to approve it before classmates see it.',
    ]);
    const mine = cardsIn(await room.say(asker, 'questions'))[0]!;
    const own = await room.act(asker, 'backstagePage', button(mine, 'Refresh'));
    expect(cardText(own.card)).toContain("1 waiting for a facilitator's approval");
    // Neither the shared copy nor a classmate's view mentions it.
    expect(cardText(mine)).not.toContain('waiting');
    const other = await room.act(room.students[6]!, 'backstagePage', button(mine, 'Refresh'));
    expect(cardText(other.card)).not.toContain('exam format');
    expect(cardText(other.card)).not.toContain('waiting');
  });
});
