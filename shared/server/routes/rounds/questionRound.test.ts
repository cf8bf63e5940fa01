import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionRoundView, RoundView } from '../../../contract/rounds';
import {
  buildRoundWorld,
  follow,
  noteContaining,
  send,
  startRound,
  until,
  type Followed,
} from '../../rounds/test/roundWorld';
import { storageBackends } from '../../test/backends';
import { expectApiError } from '../../test/factories';
import { startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();

function qr(view: RoundView): QuestionRoundView {
  if (view.kind !== 'question_round') throw new Error(`expected a question round view, got ${view.kind}`);
  return view;
}

describe.each(backends)('question and muddiest-point rounds on %s', (backend) => {
  let t: TestService;
  const streams: Followed[] = [];
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(async () => {
    for (const s of streams) s.handle.close();
    await t.close();
  });

  it('POST /rounds/:roundId/events 200 runs a question round: anonymous asks, votes, assignment, peer answers, endorsement', async () => {
    const w = await buildRoundWorld(t, 8);
    const [anon, named, dup, reader, ...voters] = w.students as [typeof w.student, ...(typeof w.student)[]];
    const notes = t.service.context.notes!;
    await notes.appendToNote(w.session.id, [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: "Kepler's laws" }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Planets move in ellipses with the Sun at one focus of the ellipse.' },
        ],
      },
    ]);
    const watch = await follow(t, reader!.user, w.session.id, true);
    streams.push(watch);

    const r = await startRound(w, { kind: 'question_round', topic: 'Orbits' });
    const secret = 'Is the Moon actually falling towards the Earth all the time?';
    await send(anon, r.roundId, { type: 'ask', text: secret, anonymous: true }, 'q-anon');
    await send(
      named!,
      r.roundId,
      { type: 'ask', text: 'What sets the period of a circular orbit?' },
      'q-named',
    );
    const merged = qr(
      (
        await send(
          dup!,
          r.roundId,
          { type: 'ask', text: 'How is the period of a circular orbit set?' },
          'q-dup',
        )
      ).view,
    );
    const inNotes = qr(
      (
        await send(
          reader!,
          r.roundId,
          { type: 'ask', text: 'Why do planets move in ellipses around the Sun?' },
          'q-notes',
        )
      ).view,
    );
    expect(merged.questions.find((q) => q.mine)?.duplicateOf).toBe('q2');
    expect(inNotes.questions.find((q) => q.mine)?.answeredInNotes?.passageId).toBe("Kepler's laws");

    for (const v of voters) await send(v, r.roundId, { type: 'vote', questionId: 'q1', value: 1 }, 'up-q1');
    await send(voters[0]!, r.roundId, { type: 'vote', questionId: 'q2', value: 1 }, 'up-q2');
    const own = await expectApiError(
      send(anon, r.roundId, { type: 'vote', questionId: 'q1', value: 1 }),
      409,
      'round_refused',
    );
    expect(own.details).toEqual({ reason: 'own_question' });

    const answering = qr(
      (await send(w.facilitator, r.roundId, { type: 'closePhase', phase: 'asking' })).view,
    );
    expect(answering.phase).toBe('answering');
    const top = answering.questions[0]!;
    expect(top.id).toBe('q1');
    expect(top.votes).toEqual({ up: 4, down: 0 });
    expect(top.author?.userId).toBe(anon.user.userId);
    for (const q of answering.questions) {
      const asked = q.author?.userId ?? (q.id === 'q1' ? anon.user.userId : undefined);
      expect((q.assignedTo ?? []).map((p) => p.userId)).not.toContain(asked);
    }
    const answerer = w.students.find((s) => top.assignedTo?.some((p) => p.userId === s.user.userId))!;
    const outsiderToQ1 = voters.find((s) => !top.assignedTo?.some((p) => p.userId === s.user.userId))!;
    const forbidden = await expectApiError(
      send(outsiderToQ1, r.roundId, { type: 'answerQuestion', questionId: 'q1', text: 'Yes.' }),
      409,
      'round_refused',
    );
    expect(forbidden.details).toEqual({ reason: 'not_assigned' });
    const mine = qr(await answerer.client.call('getRound', { params: { roundId: r.roundId } }));
    expect(mine.myAssignments).toContain('q1');

    const answerText =
      'Yes: it falls all the time, but moves sideways fast enough to keep missing the Earth.';
    await send(answerer, r.roundId, { type: 'answerQuestion', questionId: 'q1', text: answerText }, 'ans-1');
    await send(outsiderToQ1, r.roundId, { type: 'rate', answerId: 'a1', value: 1 }, 'rate-1');
    await send(w.facilitator, r.roundId, { type: 'endorse', answerId: 'a1' });
    await send(w.facilitator, r.roundId, {
      type: 'answerQuestion',
      questionId: 'q2',
      text: 'The mass of the central body and the radius: T squared is proportional to r cubed.',
    });
    const ended = qr((await send(w.facilitator, r.roundId, { type: 'advance' })).view);
    expect(ended.phase).toBe('ended');

    const a = await w.facilitator.client.call('getRoundAnalytics', { params: { roundId: r.roundId } });
    expect(a).toMatchObject({ kind: 'question_round', questions: 3, duplicatesMerged: 1, pointedToNotes: 1 });
    expect(a).toMatchObject({ answeredByPeers: 1, endorsed: 2, facilitatorAnswers: 1 });

    const markdown = await noteContaining(reader!, w.session.id, '## Questions and answers');
    expect(markdown).toContain(`### ${secret}`);
    expect(markdown).toContain('Asked anonymously in the question round "Orbits".');
    expect(markdown).toContain(`(peer answer, ${answerer.user.name}, endorsed)`);
    expect(markdown).toContain('(facilitator, ');
    expect(markdown).toContain(`Asked by ${named!.user.name}`);

    // The anonymous author is in no student-visible response, event or note.
    const leaks = [anon.user.userId, anon.user.name];
    const seenBy = [reader!, named!, answerer, ...voters];
    for (const s of seenBy) {
      const text = JSON.stringify([
        await s.client.call('getRound', { params: { roundId: r.roundId } }),
        await s.client.call('listRounds', { params: { sessionId: w.session.id } }),
      ]);
      for (const leak of leaks) expect(text).not.toContain(leak);
    }
    for (const leak of leaks) expect(markdown).not.toContain(leak);
    await until(() => watch.views().some((v) => v.phase === 'ended'), 10_000, 'the end on the stream');
    expect(watch.raw.length).toBeGreaterThan(3);
    for (const raw of watch.raw) for (const leak of leaks) expect(raw).not.toContain(leak);

    // With the class fully anonymous, not even facilitators see who asked.
    await w.owner.client.call('updateClass', {
      params: { classId: w.cls.id },
      body: { settings: { fullyAnonymous: true } },
    });
    const hidden = qr(await w.facilitator.client.call('getRound', { params: { roundId: r.roundId } }));
    expect(hidden.questions.find((q) => q.id === 'q1')?.author).toBeNull();
  });

  it('POST /rounds/:roundId/events 200 collects muddiest points and writes them ranked into the notes', async () => {
    const w = await buildRoundWorld(t, 6);
    const r = await startRound(w, { kind: 'muddiest_point', prompt: 'What was least clear today?' });
    const texts = [
      'The difference between mass and weight',
      'Difference between weight and mass',
      'mass versus weight is confusing',
      'Why the Moon does not fall onto the Earth',
      'Escape velocity derivation',
      'The derivation of escape velocity',
    ];
    for (const [i, s] of w.students.entries()) {
      const result = await send(s, r.roundId, { type: 'submitMuddy', text: texts[i]! }, `muddy-${i}`);
      expect(result.view.kind === 'muddiest_point' && result.view.points).toBeNull();
    }
    const again = await expectApiError(
      send(w.students[0]!, r.roundId, { type: 'submitMuddy', text: 'Something else' }, 'other'),
      409,
      'round_refused',
    );
    expect(again.details).toEqual({ reason: 'already_answered' });
    const live = await w.facilitator.client.call('getRound', { params: { roundId: r.roundId } });
    if (live.kind !== 'muddiest_point') throw new Error('expected a muddiest-point view');
    // The class allows facilitators to see who wrote a point; students see only their own.
    expect(live.points).toHaveLength(6);
    const theirs = await w.students[1]!.client.call('getRound', { params: { roundId: r.roundId } });
    expect(theirs).toMatchObject({ points: null, clusters: null, mine: { text: texts[1], anonymous: true } });
    expect(live.clusters?.[0]?.count).toBe(3);

    await send(w.facilitator, r.roundId, { type: 'advance' });
    const markdown = await noteContaining(w.student, w.session.id, '## Muddiest points');
    expect(markdown).toContain('## Muddiest points: What was least clear today?');
    expect(markdown).toMatch(/1\. .*mass.*\*\(3 students\)\*/i);
    expect(markdown).toMatch(/2\. .*escape velocity.*\*\(2 students\)\*/i);
    expect(markdown).toContain('6 submissions, most named first.');
    for (const s of w.students) expect(markdown).not.toContain(s.user.name);
    const a = await w.facilitator.client.call('getRoundAnalytics', { params: { roundId: r.roundId } });
    expect(a).toMatchObject({ kind: 'muddiest_point', submissions: 6, participation: { active: 6 } });
  });
});
