import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundView } from '../../shared/contract/rounds';
import {
  buildRoundWorld,
  follow,
  send,
  startRound,
  until,
  type Followed,
  type RoundWorld,
} from '../../shared/server/rounds/test/roundWorld';
import { PUBLIC_VIEWER_ID } from '../../shared/server/rounds/roundPresenter';
import { storageBackends } from '../../shared/server/test/backends';
import type { Actor } from '../../shared/server/test/factories';
import { startTestService, type TestService } from '../../shared/server/test/testService';

const backends = await storageBackends();

/** Everything one student received: REST answers and their event stream. */
interface Inbox {
  student: Actor;
  rest: RoundView[];
  restRaw: string[];
  stream: Followed;
}

/**
 * Why a view delivered to `student` breaks the privacy rules, or null: it is theirs; no roster, groups,
 * gating or per-student votes; no results or correct option before the reveal; no author of an anonymous
 * question or answer they did not write; no muddy points at all (facilitators only).
 */
function breach(view: RoundView, student: Actor): string | null {
  // Their own view, or the public one every student gets (the view of a student who has done nothing).
  const shared = view.viewer.userId === PUBLIC_VIEWER_ID;
  if ((!shared && view.viewer.userId !== student.user.userId) || view.viewer.role !== 'student')
    return `a view for ${view.viewer.userId} (${view.viewer.role})`;
  if (shared && JSON.stringify(view).includes('"mine":true'))
    return 'a public view holding an item marked mine';
  if (view.kind === 'peer_instruction') {
    if (view.students !== null || view.groups !== null || view.gating !== null) return 'facilitator fields';
    const revealed = view.phase === 'revealed' || view.phase === 'ended';
    if (!revealed && (view.results !== null || view.correctOption !== null))
      return `results before the reveal (${view.phase})`;
  }
  if (view.kind === 'question_round') {
    for (const q of view.questions) {
      if (q.assignedTo !== null) return 'who a question is assigned to';
      if (q.anonymous && !q.mine && q.author !== null) return `the author of anonymous ${q.id}`;
      for (const a of q.answers)
        if (!a.mine && !a.byFacilitator && a.author !== null) return `the author of answer ${a.id}`;
    }
  }
  if (view.kind === 'muddiest_point' && (view.points !== null || view.clusters !== null))
    return 'muddy points';
  const open = view.phase === 'revealed' || view.phase === 'ended';
  if (view.kind === 'poll') {
    if (view.voters !== null) return 'who chose what in a poll';
    if (!open && view.results !== null) return `poll results before the reveal (${view.phase})`;
  }
  if (view.kind === 'wordcloud') {
    if (view.entries !== null) return 'word-cloud entries (facilitators only)';
    if (!open && view.cloud !== null) return `the word cloud before the reveal (${view.phase})`;
  }
  return null;
}

describe.each(backends)('what students receive during every round type on %s', (backend) => {
  let t: TestService;
  const inboxes: Inbox[] = [];
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(async () => {
    for (const i of inboxes) i.stream.handle.close();
    await t.close();
  });

  async function watch(w: RoundWorld): Promise<Inbox[]> {
    const out: Inbox[] = [];
    for (const student of w.students) {
      const inbox = {
        student,
        rest: [],
        restRaw: [],
        stream: await follow(t, student.user, w.session.id, true),
      };
      out.push(inbox);
      inboxes.push(inbox);
    }
    return out;
  }

  /** Every student reads the round and the list of rounds, as the tab does after each step. */
  async function readAll(boxes: Inbox[], w: RoundWorld, roundId: string) {
    for (const b of boxes) {
      const view = await b.student.client.call('getRound', { params: { roundId } });
      const list = await b.student.client.call('listRounds', { params: { sessionId: w.session.id } });
      b.rest.push(view, ...list.items);
      b.restRaw.push(JSON.stringify(view), JSON.stringify(list));
    }
  }

  /** Checks every view and every raw payload each student got; `hidden` are texts no student may see. */
  function scan(boxes: Inbox[], hidden: (b: Inbox) => string[]): number {
    let views = 0;
    for (const b of boxes) {
      for (const v of [...b.rest, ...b.stream.views()]) {
        views += 1;
        expect(breach(v, b.student), `${b.student.user.name} in ${v.phase}`).toBeNull();
      }
      for (const raw of [...b.restRaw, ...b.stream.raw])
        for (const h of hidden(b)) expect(raw).not.toContain(h);
    }
    return views;
  }

  it('Peer Instruction: no other student answer, result or correct option reaches a student before the reveal', async () => {
    const w = await buildRoundWorld(t, 4);
    const boxes = await watch(w);
    const r = await startRound(w, {
      kind: 'peer_instruction',
      question: 'Which?',
      options: ['A', 'B', 'C'],
      correctOption: 2,
    });
    const step = async (fn: () => Promise<unknown>) => (await fn(), await readAll(boxes, w, r.roundId));
    await step(() =>
      Promise.all(
        w.students.map((s, i) => send(s, r.roundId, { type: 'answer', option: i % 3, confidence: 'high' })),
      ),
    );
    await step(() => send(w.facilitator, r.roundId, { type: 'closePhase', phase: 'answering' }));
    await step(() => send(w.facilitator, r.roundId, { type: 'advance', to: 'discussion' }));
    await step(() => send(w.facilitator, r.roundId, { type: 'advance', to: 'revote' }));
    await step(() =>
      Promise.all(
        w.students.map((s) => send(s, r.roundId, { type: 'revote', option: 2, confidence: 'high' })),
      ),
    );
    await step(() => send(w.facilitator, r.roundId, { type: 'advance', to: 'revealed' }));
    await until(
      () => boxes.every((b) => b.stream.views().some((v) => v.phase === 'revealed')),
      10_000,
      'the reveal',
    );
    const views = scan(boxes, () => []);
    console.log(`[proving] student views, Peer Instruction on ${backend}: ${views} views scanned`);
  });

  it('question round: the author of an anonymous question or peer answer reaches no other student', async () => {
    const w = await buildRoundWorld(t, 4);
    const boxes = await watch(w);
    const [anon, named] = w.students as [Actor, Actor];
    const r = await startRound(w, { kind: 'question_round', topic: 'Orbits' });
    await send(anon, r.roundId, { type: 'ask', text: 'Why does the Moon not fall down?', anonymous: true });
    await send(named, r.roundId, { type: 'ask', text: 'What sets an orbital period?' });
    await readAll(boxes, w, r.roundId);
    for (const s of w.students.slice(2))
      await send(s, r.roundId, { type: 'vote', questionId: 'q1', value: 1 });
    await send(w.facilitator, r.roundId, { type: 'closePhase', phase: 'asking' });
    // A student the round assigned a question to answers it anonymously: their name must not travel either.
    let answerer: Actor | undefined;
    for (const s of w.students) {
      const view = await s.client.call('getRound', { params: { roundId: r.roundId } });
      const qid = view.kind === 'question_round' ? view.myAssignments[0] : undefined;
      if (qid && !answerer) {
        answerer = s;
        await send(s, r.roundId, {
          type: 'answerQuestion',
          questionId: qid,
          text: 'A peer answer.',
          anonymous: true,
        });
      }
    }
    expect(answerer, 'a student with an assignment').toBeDefined();
    await readAll(boxes, w, r.roundId);
    await send(w.facilitator, r.roundId, {
      type: 'answerQuestion',
      questionId: 'q1',
      text: 'It does, and keeps missing.',
    });
    await readAll(boxes, w, r.roundId);
    await send(w.facilitator, r.roundId, { type: 'advance' });
    await readAll(boxes, w, r.roundId);
    await until(
      () => boxes.every((b) => b.stream.views().some((v) => v.phase === 'ended')),
      10_000,
      'the end',
    );
    const secretOf = (b: Inbox) => [
      ...(b.student === anon ? [] : [anon.user.userId, anon.user.name]),
      ...(b.student === answerer ? [] : [answerer!.user.userId, answerer!.user.name]),
    ];
    const views = scan(boxes, secretOf);
    console.log(`[proving] student views, question round on ${backend}: ${views} views scanned`);
  });

  it('muddiest point: no student sees another student’s point or who wrote it', async () => {
    const w = await buildRoundWorld(t, 4);
    const boxes = await watch(w);
    const r = await startRound(w, { kind: 'muddiest_point' });
    const texts = w.students.map((s, i) => `muddy point number ${i} from ${s.user.userId}`);
    await Promise.all(w.students.map((s, i) => send(s, r.roundId, { type: 'submitMuddy', text: texts[i]! })));
    await readAll(boxes, w, r.roundId);
    await send(w.facilitator, r.roundId, { type: 'advance' });
    await readAll(boxes, w, r.roundId);
    await until(
      () => boxes.every((b) => b.stream.views().some((v) => v.phase === 'ended')),
      10_000,
      'the end',
    );
    const others = (b: Inbox) =>
      w.students.flatMap((s, i) => (s === b.student ? [] : [texts[i]!, s.user.userId]));
    const views = scan(boxes, others);
    console.log(`[proving] student views, muddiest point on ${backend}: ${views} views scanned`);
  });

  it('poll and word cloud: no results before the reveal, no one’s choice, no hidden or held word', async () => {
    const w = await buildRoundWorld(t, 4);
    const boxes = await watch(w);
    const p = await startRound(w, {
      kind: 'poll',
      question: 'Best topic?',
      options: ['A', 'B', 'C'],
      settings: { anonymous: false },
    });
    await Promise.all(w.students.map((s, i) => send(s, p.roundId, { type: 'pollAnswer', option: i % 3 })));
    await readAll(boxes, w, p.roundId);
    await send(w.facilitator, p.roundId, { type: 'advance', to: 'gate' });
    await readAll(boxes, w, p.roundId);
    await send(w.facilitator, p.roundId, { type: 'advance', to: 'revealed' });
    await send(w.facilitator, p.roundId, { type: 'advance' });
    await readAll(boxes, w, p.roundId);

    const c = await startRound(w, { kind: 'wordcloud', prompt: 'One word' });
    const words = w.students.map((_, i) => `Zword${i}x`);
    await Promise.all(w.students.map((s, i) => send(s, c.roundId, { type: 'submitWord', text: words[i]! })));
    await send(w.students[0]!, c.roundId, { type: 'submitWord', text: 'fucking' });
    const fac = await w.facilitator.client.call('getRound', { params: { roundId: c.roundId } });
    const hide = fac.kind === 'wordcloud' ? fac.entries?.find((e) => e.text === words[1])?.id : undefined;
    if (!hide) throw new Error('the second student’s word is not in the facilitator’s view');
    await send(w.facilitator, c.roundId, { type: 'moderateWord', entryId: hide, visible: false });
    await readAll(boxes, w, c.roundId);
    await send(w.facilitator, c.roundId, { type: 'advance', to: 'revealed' });
    await send(w.facilitator, c.roundId, { type: 'advance' });
    await readAll(boxes, w, c.roundId);
    await until(
      () =>
        boxes.every((b) =>
          b.stream
            .views()
            .filter((v) => v.roundId === c.roundId)
            .some((v) => v.phase === 'ended'),
        ),
      10_000,
      'the end',
    );
    // The hidden word and the held one reach nobody but their authors; other students' ids never.
    const others = (b: Inbox) => [
      ...(b.student === w.students[1] ? [] : [words[1]!]),
      ...(b.student === w.students[0] ? [] : ['fucking']),
      ...w.students.flatMap((s) => (s === b.student ? [] : [s.user.userId])),
    ];
    const views = scan(boxes, others);
    console.log(`[proving] student views, poll and word cloud on ${backend}: ${views} views scanned`);
  });

  it('a stream of another class receives none of a round’s events', async () => {
    const w = await buildRoundWorld(t, 2);
    const elsewhere = await buildRoundWorld(t, 1);
    const stranger = await follow(t, elsewhere.students[0]!.user, elsewhere.session.id, true);
    const inClass = await follow(t, w.students[0]!.user, w.session.id, true);
    inboxes.push({ student: elsewhere.students[0]!, rest: [], restRaw: [], stream: stranger });
    inboxes.push({ student: w.students[0]!, rest: [], restRaw: [], stream: inClass });
    const question = `Only for this class ${w.cls.id}?`;
    const r = await startRound(w, { kind: 'peer_instruction', question, options: ['A', 'B'] });
    await send(w.students[1]!, r.roundId, { type: 'answer', option: 1, confidence: 'low' });
    await send(w.facilitator, r.roundId, { type: 'cancel' });
    await until(
      () => inClass.views().some((v) => v.phase === 'cancelled'),
      10_000,
      'the cancel in the class',
    );
    await new Promise((res) => setTimeout(res, 300));
    for (const raw of stranger.raw) {
      for (const leak of [r.roundId, question, w.session.id, w.cls.id]) expect(raw).not.toContain(leak);
    }
    expect(stranger.got.every((e) => e.sessionId === elsewhere.session.id)).toBe(true);
  });
});
