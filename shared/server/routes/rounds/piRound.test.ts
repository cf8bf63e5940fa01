import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Confidence, PiView, RoundView } from '../../../contract/rounds';
import {
  PI_ROUND,
  buildRoundWorld,
  follow,
  noteContaining,
  send,
  until,
  type Followed,
} from '../../rounds/test/roundWorld';
import { storageBackends } from '../../test/backends';
import { startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();
const N = 40;

/** First votes: 16 right (B), then 12 A, 8 C, 4 D. */
const firstVote = (i: number) => (i < 16 ? 1 : i < 28 ? 0 : i < 36 ? 2 : 3);
const firstConfidence = (i: number): Confidence =>
  i < 8 ? 'high' : i < 32 ? (i < 16 ? 'medium' : 'low') : 'medium';
/** Re-votes: one right turns wrong, 14 wrong turn right, 4 stay on their wrong option, 6 move to another wrong one. */
const secondVote = (i: number) => {
  if (i < 15) return 1;
  if (i === 15) return 0;
  if (i < 30) return 1;
  if (i < 34) return firstVote(i);
  return firstVote(i) === 0 ? 2 : 0;
};

function pi(view: RoundView): PiView {
  if (view.kind !== 'peer_instruction') throw new Error(`expected a Peer Instruction view, got ${view.kind}`);
  return view;
}

describe.each(backends)('a full Peer Instruction round on %s', (backend) => {
  let t: TestService;
  const streams: Followed[] = [];
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(async () => {
    for (const s of streams) s.handle.close();
    await t.close();
  });

  it('POST /rounds/:roundId/events 200 runs answer, gate, grouping, re-vote, reveal and end with 40 students', async () => {
    const w = await buildRoundWorld(t, N);
    const watcher = w.students[0]!;
    const studentStream = await follow(t, watcher.user, w.session.id);
    const facilitatorStream = await follow(t, w.facilitator.user, w.session.id);
    streams.push(studentStream, facilitatorStream);

    const roster = w.students.map((s) => ({ userId: s.user.userId, name: s.user.name }));
    const started = pi(
      await w.facilitator.client.call('startRound', {
        params: { sessionId: w.session.id },
        body: { round: PI_ROUND, roster, eligibleCount: N },
      }),
    );
    const roundId = started.roundId;
    expect(started.phase).toBe('answering');

    // Everyone answers at once, with idempotency keys as the bot sends them.
    await Promise.all(
      w.students.map((s, i) =>
        send(
          s,
          roundId,
          { type: 'answer', option: firstVote(i), confidence: firstConfidence(i) },
          `first-${i}`,
        ),
      ),
    );
    // The coalesced tally reaches the facilitators with every answer, within the tally interval.
    await until(
      () =>
        facilitatorStream
          .views()
          .some(
            (v) =>
              v.kind === 'peer_instruction' &&
              v.phase === 'answering' &&
              v.answeredCount === N &&
              v.viewer.role === 'facilitator',
          ),
      5000,
      'the last tally',
    );
    const gate = pi((await send(w.facilitator, roundId, { type: 'closePhase', phase: 'answering' })).view);
    expect(gate.phase).toBe('gate');
    expect(gate.gating).toMatchObject({
      recommendation: 'discuss',
      shareCorrect: 0.4,
      answered: 40,
      correct: 16,
    });

    const discussion = pi((await send(w.facilitator, roundId, { type: 'advance', to: 'discussion' })).view);
    const groups = discussion.groups ?? [];
    const members = groups.flatMap((g) => g.members.map((m) => m.userId));
    expect(new Set(members).size).toBe(N);
    expect(members).toHaveLength(N);
    expect(groups.every((g) => g.members.length >= 2 && g.members.length <= 3)).toBe(true);
    const optionOf = new Map(w.students.map((s, i) => [s.user.userId, firstVote(i)]));
    // Pairs by different answers: with 16 right and 24 wrong, no group needs two of the same answer.
    expect(groups.every((g) => new Set(g.members.map((m) => optionOf.get(m.userId))).size > 1)).toBe(true);
    // Each student sees their partners (names and ids), never their answers.
    const own = pi(await watcher.client.call('getRound', { params: { roundId } }));
    const myGroup = groups.find((g) => g.members.some((m) => m.userId === watcher.user.userId))!;
    expect(own.me?.group?.partners.map((p) => p.userId).sort()).toEqual(
      myGroup.members
        .map((m) => m.userId)
        .filter((u) => u !== watcher.user.userId)
        .sort(),
    );

    await send(w.facilitator, roundId, { type: 'advance', to: 'revote' });
    await Promise.all(
      w.students.map((s, i) =>
        send(
          s,
          roundId,
          { type: 'revote', option: secondVote(i), confidence: secondVote(i) === 1 ? 'high' : 'medium' },
          `second-${i}`,
        ),
      ),
    );
    const hidden = pi(await watcher.client.call('getRound', { params: { roundId } }));
    expect(hidden).toMatchObject({ results: null, correctOption: null, revotedCount: 40 });
    const revealed = pi((await send(w.facilitator, roundId, { type: 'advance', to: 'revealed' })).view);
    expect(revealed.phase).toBe('revealed');
    const seen = pi(await watcher.client.call('getRound', { params: { roundId } }));
    expect(seen.correctOption).toBe(1);
    expect(seen.results?.after?.counts).toEqual([7, 29, 4, 0]);

    const a = await w.facilitator.client.call('getRoundAnalytics', { params: { roundId } });
    if (a.kind !== 'peer_instruction') throw new Error('expected Peer Instruction analytics');
    expect(a.before).toEqual({ counts: [12, 16, 8, 4], answered: 40, shareCorrect: 0.4 });
    expect(a.after).toEqual({ counts: [7, 29, 4, 0], answered: 40, shareCorrect: 29 / 40 });
    expect(a.switches).toEqual({
      matched: 40,
      wrongToRight: 14,
      rightToWrong: 1,
      rightToRight: 15,
      wrongToOtherWrong: 6,
      wrongToSameWrong: 4,
    });
    expect(a.changedAnswer).toBe(21);
    expect(a.normalizedChange).toBeCloseTo((29 / 40 - 0.4) / 0.6, 10);
    expect(a.participation).toMatchObject({
      eligible: 40,
      answering: { count: 40, rate: 1 },
      revote: { count: 40, rate: 1 },
    });
    expect(a.confidenceBefore.mean).toBeCloseTo((8 * 3 + 8 * 2 + 16 * 1 + 8 * 2) / 40, 10);

    const ended = await send(w.facilitator, roundId, { type: 'advance' });
    expect(ended.view.phase).toBe('ended');

    // The summary lands in the notes once (at the reveal; the end does not write it again).
    const markdown = await noteContaining(watcher, w.session.id, 'Normalized change');
    expect(markdown).toContain('## Peer Instruction: Which force keeps the Moon in orbit?');
    expect(markdown).toContain('| B. Gravity (correct) | 16 (40%) | 29 (73%) |');
    expect(markdown).toContain('Normalized change: 0.54.');
    expect(markdown).toContain('Wrong to right: 14; right to wrong: 1.');
    // Provenance people can read: the round's question and a local time, not its id.
    expect(markdown).toMatch(
      /\*Written by Stoa from the Peer Instruction round “Which force keeps the Moon in orbit\?”, \w+day \d{1,2} \w+ \d{4} at \d{2}:\d{2} \(Stockholm time\)\.\*/,
    );
    expect(markdown).not.toContain(roundId);
    expect(markdown.match(/## Peer Instruction/g)).toHaveLength(1);

    const session = await w.facilitator.client.call('getSessionAnalytics', {
      params: { sessionId: w.session.id },
    });
    expect(session.peerInstruction).toMatchObject({
      rounds: 1,
      wrongToRight: 14,
      rightToWrong: 1,
      meanShareCorrectBefore: 0.4,
    });
    expect(session.completed).toBe(1);

    // The student's stream: the phase changes, their own answers and group, and nothing of anyone else's.
    await until(
      () => studentStream.views().some((v) => v.phase === 'ended'),
      10_000,
      'the end on the stream',
    );
    const partners = new Set(own.me?.group?.partners.map((p) => p.userId));
    const others = w.students
      .map((s) => s.user.userId)
      .filter((u) => u !== watcher.user.userId && !partners.has(u));
    for (const raw of studentStream.raw) for (const u of others) expect(raw).not.toContain(u);
    for (const e of studentStream.got) {
      if (e.event.type !== 'round_updated') continue;
      const v = pi(e.event.view);
      expect(v.students).toBeNull();
      expect(v.gating).toBeNull();
      expect(v.groups).toBeNull();
      if (v.phase !== 'revealed' && v.phase !== 'ended') expect(v.results).toBeNull();
      if (v.viewer.userId !== watcher.user.userId)
        expect(v.me).toEqual({ answer: null, revote: null, group: null });
      else expect(e.event.change).toBe('mine');
    }
    const mine = studentStream
      .views()
      .filter((v) => v.viewer.userId === watcher.user.userId)
      .map(pi);
    expect(mine.some((v) => v.me?.answer?.option === 1)).toBe(true);
    expect(mine.some((v) => (v.me?.group?.partners.length ?? 0) > 0)).toBe(true);
    const phases = studentStream.got.flatMap((e) =>
      e.event.type === 'round_updated' && e.event.change === 'phase' ? [e.event.view.phase] : [],
    );
    expect(phases).toEqual(['answering', 'gate', 'discussion', 'revote', 'revealed', 'ended']);

    // Facilitators get every student's answers live; tallies are coalesced rather than one per answer.
    await until(
      () => facilitatorStream.views().some((v) => v.phase === 'ended'),
      10_000,
      'the end for facilitators',
    );
    const live = facilitatorStream
      .views()
      .filter((v) => v.viewer.role === 'facilitator')
      .map(pi);
    expect(live.some((v) => v.phase === 'answering' && v.students?.some((s) => s.answer !== null))).toBe(
      true,
    );
    const tallies = facilitatorStream.got.filter(
      (e) => e.event.type === 'round_updated' && e.event.change === 'tally',
    );
    expect(tallies.length).toBeLessThan(2 * N);
  });
});
