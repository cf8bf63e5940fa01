import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoaClient } from '../../../client/client';
import type { PollView, RoundView, WordcloudView } from '../../../contract/rounds';
import { REMOVED_TEXT } from '../../../contract/removedText';
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
const ADMIN = { tenantId: 'tenant-a', userId: 'quick-dpo', name: 'Data Protection' };

function poll(view: RoundView): PollView {
  if (view.kind !== 'poll') throw new Error(`expected a poll, got ${view.kind}`);
  return view;
}
function cloud(view: RoundView): WordcloudView {
  if (view.kind !== 'wordcloud') throw new Error(`expected a word cloud, got ${view.kind}`);
  return view;
}

describe.each(backends)('quick polls and word clouds on %s', (backend) => {
  let t: TestService;
  let admin: StoaClient;
  const streams: Followed[] = [];
  beforeAll(async () => {
    t = await startTestService({ backend, env: { TENANT_ADMINS: `${ADMIN.tenantId}:${ADMIN.userId}` } });
    admin = await t.as(ADMIN);
  });
  afterAll(async () => {
    for (const s of streams) s.handle.close();
    await t.close();
  });

  it('POST /rounds/:roundId/events 200 runs a poll whose results nobody sees while answering, then writes them to the notes', async () => {
    const w = await buildRoundWorld(t, 5);
    const watcher = w.students[4]!;
    const watch = await follow(t, watcher.user, w.session.id, true);
    streams.push(watch);
    const r = poll(
      await startRound(w, {
        kind: 'poll',
        question: 'Which topic should we revisit?',
        options: ['Paging', 'Threads', 'Locks'],
      }),
    );
    expect(r).toMatchObject({ phase: 'answering', anonymous: true, results: null });
    const picks = [0, 0, 2, 1];
    for (const [i, s] of w.students.slice(0, 4).entries())
      await send(s, r.roundId, { type: 'pollAnswer', option: picks[i]! }, `p-${i}`);
    // A student changes their mind; a retry of the first answer changes nothing.
    await send(w.students[3]!, r.roundId, { type: 'pollAnswer', option: 2 }, 'p-change');
    const retry = await send(w.students[3]!, r.roundId, { type: 'pollAnswer', option: 1 }, 'p-3');
    expect(retry.duplicate).toBe(true);
    const unknown = await expectApiError(
      send(w.students[0]!, r.roundId, { type: 'pollAnswer', option: 3 }),
      409,
      'round_refused',
    );
    expect(unknown.details).toEqual({ reason: 'unknown_option' });

    const facLive = poll(await w.facilitator.client.call('getRound', { params: { roundId: r.roundId } }));
    expect(facLive).toMatchObject({ answeredCount: 4, results: null, voters: null });
    const mine = poll(await w.students[3]!.client.call('getRound', { params: { roundId: r.roundId } }));
    expect(mine).toMatchObject({ myAnswer: 2, results: null });

    const gate = poll((await send(w.facilitator, r.roundId, { type: 'advance', to: 'gate' })).view);
    expect(gate.results).toEqual({ counts: [2, 0, 2], answered: 4, mean: null });
    const studentAtGate = poll(await watcher.client.call('getRound', { params: { roundId: r.roundId } }));
    expect(studentAtGate.results).toBeNull();

    await send(w.facilitator, r.roundId, { type: 'advance', to: 'revealed' });
    const revealed = poll(await watcher.client.call('getRound', { params: { roundId: r.roundId } }));
    expect(revealed.results).toEqual({ counts: [2, 0, 2], answered: 4, mean: null });
    await send(w.facilitator, r.roundId, { type: 'advance' });

    // Before the reveal, nothing the student's stream carried held a distribution.
    await until(() => watch.views().some((v) => v.roundId === r.roundId && v.phase === 'ended'));
    const views = watch
      .views()
      .filter((v) => v.roundId === r.roundId)
      .map(poll);
    expect(views.filter((v) => v.phase === 'answering' || v.phase === 'gate').length).toBeGreaterThan(0);
    for (const v of views) expect(v.results === null).toBe(v.phase !== 'revealed' && v.phase !== 'ended');
    for (const raw of watch.raw)
      for (const s of w.students.slice(0, 4)) expect(raw).not.toContain(s.user.userId);

    const markdown = await noteContaining(watcher, w.session.id, '## Poll: Which topic should we revisit?');
    expect(markdown).toMatch(/\| Paging +\| 2 \(50%\) +\|/);
    expect(markdown).toContain('4 answers.');
    const a = await w.facilitator.client.call('getRoundAnalytics', { params: { roundId: r.roundId } });
    expect(a).toMatchObject({ kind: 'poll', results: { counts: [2, 0, 2] }, participation: { active: 4 } });
    const csv = await w.facilitator.client.call('exportRoundResults', {
      params: { sessionId: w.session.id },
    });
    expect(csv).toContain('poll_option,Paging,2,');
  });

  it('POST /rounds/:roundId/events 200 runs a word cloud: grouping, the word filter, hide and restore, reveal, notes', async () => {
    const w = await buildRoundWorld(t, 6);
    const [a, b, c, d, e, watcher] = w.students as [typeof w.student, ...(typeof w.student)[]];
    const watch = await follow(t, watcher!.user, w.session.id, true);
    streams.push(watch);
    const r = cloud(await startRound(w, { kind: 'wordcloud', prompt: 'One word for entropy' }));
    await send(a, r.roundId, { type: 'submitWord', text: 'Disorder' }, 'w-a1');
    await send(b!, r.roundId, { type: 'submitWord', text: 'disorder' }, 'w-b1');
    await send(c!, r.roundId, { type: 'submitWord', text: 'DISORDERS' }, 'w-c1');
    await send(a, r.roundId, { type: 'submitWord', text: 'Heat' }, 'w-a2');
    await send(d!, r.roundId, { type: 'submitWord', text: 'Värme' }, 'w-d1');
    const heldView = cloud(
      (await send(e!, r.roundId, { type: 'submitWord', text: 'fucking heat' }, 'w-e1')).view,
    );
    expect(heldView.mine).toEqual([{ id: 'w6', text: 'fucking heat', status: 'held' }]);
    await send(e!, r.roundId, { type: 'submitWord', text: 'Chaos' }, 'w-e2');
    // Held back and never approved: it stays out of the cloud to the end.
    await send(b!, r.roundId, { type: 'submitWord', text: 'Assholes' }, 'w-b2');
    const twice = await expectApiError(
      send(b!, r.roundId, { type: 'submitWord', text: 'Disorder!' }),
      409,
      'round_refused',
    );
    expect(twice.details).toEqual({ reason: 'already_answered' });
    await expectApiError(
      send(w.facilitator, r.roundId, { type: 'submitWord', text: 'x' }),
      403,
      'insufficient_role',
    );
    await expectApiError(
      send(c!, r.roundId, { type: 'submitWord', text: 'och det' }),
      400,
      'validation_failed',
    );
    await expectApiError(
      send(a, r.roundId, { type: 'moderateWord', entryId: 'w1', visible: false }),
      403,
      'insufficient_role',
    );

    let fac = cloud(await w.facilitator.client.call('getRound', { params: { roundId: r.roundId } }));
    expect(fac.entries?.find((x) => x.id === 'w6')).toMatchObject({
      status: 'held',
      author: { name: e!.user.name },
    });
    // Equally common forms: the earliest names the group.
    expect(fac.cloud?.map((g) => [g.label, g.count])).toEqual([
      ['Disorder', 3],
      ['Heat', 1],
      ['Värme', 1],
      ['Chaos', 1],
    ]);

    // Before the reveal the facilitator approves the held entry (it joins their cloud), thinks better of
    // it and hides it again, and hides one more word.
    fac = cloud(
      (await send(w.facilitator, r.roundId, { type: 'moderateWord', entryId: 'w6', visible: true })).view,
    );
    expect(fac.cloud?.map((g) => g.label)).toContain('fucking heat');
    await send(w.facilitator, r.roundId, { type: 'moderateWord', entryId: 'w6', visible: false });
    await send(w.facilitator, r.roundId, { type: 'moderateWord', entryId: 'w5', visible: false });
    await send(w.facilitator, r.roundId, { type: 'advance', to: 'gate' });
    await send(w.facilitator, r.roundId, { type: 'advance', to: 'revealed' });
    const seen = cloud(await watcher!.client.call('getRound', { params: { roundId: r.roundId } }));
    expect(seen.cloud?.map((g) => g.count)).toEqual([3, 1, 1]);
    const json = JSON.stringify(seen);
    for (const gone of ['Värme', 'fucking']) expect(json).not.toContain(gone);
    const author = cloud(await d!.client.call('getRound', { params: { roundId: r.roundId } }));
    expect(author.mine).toEqual([]);

    // Restored after the reveal, a word comes back for everyone.
    await send(w.facilitator, r.roundId, { type: 'moderateWord', entryId: 'w5', visible: true });
    const back = cloud(await watcher!.client.call('getRound', { params: { roundId: r.roundId } }));
    expect(back.cloud?.map((g) => g.label)).toContain('Värme');
    await send(w.facilitator, r.roundId, { type: 'advance' });

    await until(() => watch.views().some((v) => v.roundId === r.roundId && v.phase === 'ended'));
    for (const raw of watch.raw) for (const bad of ['fucking', 'Assholes']) expect(raw).not.toContain(bad);
    for (const v of watch
      .views()
      .filter((x) => x.roundId === r.roundId)
      .map(cloud))
      expect(v.cloud === null).toBe(v.phase !== 'revealed' && v.phase !== 'ended');

    const markdown = await noteContaining(watcher!, w.session.id, '## Word cloud: One word for entropy');
    expect(markdown).toMatch(/1\. disorder \*\(3\)\*/i);
    expect(markdown).toContain('Värme');
    expect(markdown).not.toMatch(/fucking|Assholes/);
    const csv = await w.facilitator.client.call('exportRoundResults', {
      params: { sessionId: w.session.id },
    });
    expect(csv).toMatch(/,word,disorder,3,/i);
    expect(csv).not.toMatch(/fucking|Assholes/);
    const an = await w.facilitator.client.call('getRoundAnalytics', { params: { roundId: r.roundId } });
    expect(an).toMatchObject({ kind: 'wordcloud', entries: 6, hidden: 1, held: 1 });

    // A replay from storage (another instance, a restart) holds back the same entry.
    const before = cloud(await w.facilitator.client.call('getRound', { params: { roundId: r.roundId } }));
    t.service.context.rounds!.engine.forget([r.roundId]);
    const replayed = cloud(await w.facilitator.client.call('getRound', { params: { roundId: r.roundId } }));
    expect(replayed.entries?.map((x) => [x.id, x.status])).toEqual(
      before.entries?.map((x) => [x.id, x.status]),
    );
    expect(replayed.entries?.find((x) => x.text === 'Assholes')?.status).toBe('held');
  });

  it('GET /admin/users/:userId/export 200 lists a student’s poll answers and words; POST /admin/users/:userId/erase 200 removes the words', async () => {
    const w = await buildRoundWorld(t, 2);
    const [subject, other] = w.students as [typeof w.student, typeof w.student];
    const p = await startRound(w, { kind: 'poll', question: 'How clear?', scale: 5 });
    await send(subject, p.roundId, { type: 'pollAnswer', option: 3 });
    await send(w.facilitator, p.roundId, { type: 'advance', to: 'ended' });
    const c = await startRound(w, { kind: 'wordcloud', prompt: 'One word' });
    await send(subject, c.roundId, { type: 'submitWord', text: 'Zanzibarian' });
    await send(other, c.roundId, { type: 'submitWord', text: 'Orbit' });

    const data = await admin.call('exportUserData', { params: { userId: subject.user.userId } });
    expect(data.rounds.pollAnswers).toEqual([
      expect.objectContaining({ roundId: p.roundId, question: 'How clear?', option: 3, optionText: '4' }),
    ]);
    expect(data.rounds.words).toEqual([expect.objectContaining({ text: 'Zanzibarian', status: 'visible' })]);
    expect(data.summary).toContain('Your word-cloud words');
    expect(JSON.stringify(data)).not.toContain('Orbit');

    const erased = await admin.call('eraseUser', { params: { userId: subject.user.userId }, body: {} });
    expect(erased.counts).toMatchObject({ roundTextsRemoved: 1 });
    const after = cloud(await w.facilitator.client.call('getRound', { params: { roundId: c.roundId } }));
    expect(after.entries?.map((x) => x.text)).toEqual([REMOVED_TEXT, 'Orbit']);
    expect(after.cloud?.map((g) => g.label)).toEqual(['Orbit']);
    expect(JSON.stringify(after)).not.toContain(subject.user.userId);
    const pollAfter = poll(await w.facilitator.client.call('getRound', { params: { roundId: p.roundId } }));
    expect(pollAfter.results?.counts).toEqual([0, 0, 0, 1, 0]);
  });
});
