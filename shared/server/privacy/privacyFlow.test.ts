import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoaClient } from '../../client/client';
import {
  buildRoundWorld,
  follow,
  PI_ROUND,
  send,
  startRound,
  until,
  type RoundWorld,
} from '../rounds/test/roundWorld';
import { noteClient, typeParagraph, waitFor } from '../notes/test/collabClient';
import { storageBackends } from '../test/backends';
import { actor, expectApiError, type Actor } from '../test/factories';
import { startTestService, type TestService } from '../test/testService';
import { REMOVED_TEXT } from '../../contract/removedText';
import { ANNOTATIONS_KEY } from './noteAuthors';
import { annotate, anonymousFlag } from './test/annotations';

const backends = await storageBackends();
const ADMIN = { tenantId: 'tenant-a', userId: 'dpo-admin', name: 'Data Protection' };
/** What the erased person wrote in the rounds of `fullSession`. */
const SUBJECT_ROUND_TEXTS = [
  'Why is the orbit an ellipse?',
  'The mass and the radius.',
  'Kepler’s third law',
];

/** Writes annotations as a real collaboration client and waits until the service has stored them. */
async function annotateAs(t: TestService, w: RoundWorld, who: Actor, comment: string): Promise<void> {
  const token = (await t.anonymous().call('createDevToken', { body: who.user })).token;
  const client = noteClient(t.url, w.session.id, token);
  try {
    await waitFor(() => client.provider.isSynced, 'the note to sync');
    typeParagraph(client.doc, `Orbit notes: ${comment}`);
    annotate(client.doc, who.user, 'ellipses', comment);
    const flag = anonymousFlag(client.doc, 'perihelion');
    await waitFor(() => client.provider.unsyncedChanges === 0, 'the annotations to be acknowledged');
    await who.client.call('claimAnnotationAuthor', {
      params: { sessionId: w.session.id, annotationId: flag },
      body: {},
    });
  } finally {
    client.destroy();
  }
}

/** Runs one round of each kind in which `subject` and two classmates take part. */
async function fullSession(w: RoundWorld, subject: Actor): Promise<string[]> {
  const [s1, s2] = w.students as [Actor, Actor];
  const pi = await startRound(w, PI_ROUND);
  await send(subject, pi.roundId, { type: 'answer', option: 1, confidence: 'high' }, 'a');
  await send(s1, pi.roundId, { type: 'answer', option: 0, confidence: 'low' }, 'a');
  await send(s2, pi.roundId, { type: 'answer', option: 1, confidence: 'medium' }, 'a');
  await send(w.facilitator, pi.roundId, { type: 'closePhase', phase: 'answering' });
  await send(w.facilitator, pi.roundId, { type: 'advance', to: 'discussion' });
  await send(w.facilitator, pi.roundId, { type: 'advance', to: 'revote' });
  await send(subject, pi.roundId, { type: 'revote', option: 1, confidence: 'high' }, 'r');
  await send(s1, pi.roundId, { type: 'revote', option: 1, confidence: 'medium' }, 'r');
  await send(w.facilitator, pi.roundId, { type: 'advance', to: 'revealed' });

  const qr = await startRound(w, { kind: 'question_round', topic: 'Orbits' });
  await send(
    subject,
    qr.roundId,
    { type: 'ask', text: 'Why is the orbit an ellipse?', anonymous: true },
    'q',
  );
  await send(s1, qr.roundId, { type: 'ask', text: 'What sets the orbital period?' }, 'q');
  await send(subject, qr.roundId, { type: 'vote', questionId: 'q2', value: 1 }, 'v');
  await send(s1, qr.roundId, { type: 'vote', questionId: 'q1', value: 1 }, 'v');
  await send(s2, qr.roundId, { type: 'vote', questionId: 'q1', value: 1 }, 'v');
  await send(w.facilitator, qr.roundId, { type: 'closePhase', phase: 'asking' });
  await send(w.facilitator, qr.roundId, { type: 'assign', questionId: 'q2', userIds: [subject.user.userId] });
  await send(w.facilitator, qr.roundId, { type: 'assign', questionId: 'q1', userIds: [s2.user.userId] });
  await send(
    subject,
    qr.roundId,
    { type: 'answerQuestion', questionId: 'q2', text: 'The mass and the radius.' },
    'aq',
  );
  await send(
    s2,
    qr.roundId,
    { type: 'answerQuestion', questionId: 'q1', text: 'Gravity falls off as 1/r².' },
    'aq',
  );
  const view = await w.facilitator.client.call('getRound', { params: { roundId: qr.roundId } });
  if (view.kind !== 'question_round') throw new Error('expected a question round');
  const s2Answer = view.questions.flatMap((q) => q.answers).find((a) => a.text.startsWith('Gravity'))!;
  await send(subject, qr.roundId, { type: 'rate', answerId: s2Answer.id, value: 1 }, 'rt');
  await send(w.facilitator, qr.roundId, { type: 'endorse', answerId: s2Answer.id });
  await send(w.facilitator, qr.roundId, { type: 'advance' });

  const mp = await startRound(w, { kind: 'muddiest_point', prompt: 'What was least clear?' });
  await send(subject, mp.roundId, { type: 'submitMuddy', text: 'Kepler’s third law' }, 'm');
  await send(s1, mp.roundId, { type: 'submitMuddy', text: 'Escape velocity' }, 'm');
  await send(w.facilitator, mp.roundId, { type: 'advance' });
  return [pi.roundId, qr.roundId, mp.roundId];
}

/** Everything the facilitator and a classmate can read about the session, as one string to scan. */
async function everyResponse(t: TestService, w: RoundWorld, roundIds: string[], admin: StoaClient) {
  const out: unknown[] = [];
  for (const who of [w.facilitator, w.owner, w.students[0]!]) {
    const c = who.client;
    const sessionId = w.session.id;
    out.push(await c.call('getClass', { params: { classId: w.cls.id } }));
    out.push(await c.call('listMembers', { params: { classId: w.cls.id }, query: { limit: 100 } }));
    out.push(await c.call('getSession', { params: { sessionId } }));
    out.push(await c.call('listRounds', { params: { sessionId } }));
    for (const roundId of roundIds) out.push(await c.call('getRound', { params: { roundId } }));
    out.push(await c.call('getNote', { params: { sessionId } }));
    out.push(await c.call('exportNoteMarkdown', { params: { sessionId } }));
    const versions = await c.call('listNoteVersions', { params: { sessionId } });
    out.push(versions);
    for (const v of versions.items) {
      out.push(await c.call('getNoteVersion', { params: { sessionId, versionId: v.id } }));
    }
  }
  for (const roundId of roundIds) {
    out.push(await w.facilitator.client.call('getRoundAnalytics', { params: { roundId } }));
  }
  out.push(await w.facilitator.client.call('getSessionAnalytics', { params: { sessionId: w.session.id } }));
  // The facilitator dashboard and its CSV export, and the classmate's personal tab.
  const f = w.facilitator.client;
  out.push(await f.call('getSessionDashboard', { params: { sessionId: w.session.id } }));
  out.push(await f.call('getClassDashboard', { params: { classId: w.cls.id } }));
  out.push(await f.call('exportRoundResults', { params: { sessionId: w.session.id } }));
  out.push(await w.students[0]!.client.call('getMyActivity', {}));
  out.push(await admin.call('listAuditEntries', { query: { limit: 100 } }));
  out.push(await admin.call('getRetention', {}));
  for (const who of [w.facilitator, w.students[0]!]) {
    const stream = await follow(t, who.user, w.session.id, true);
    await until(() => stream.got.length > 1, 5000, 'the event log');
    await new Promise((r) => setTimeout(r, 300));
    stream.handle.close();
    out.push(stream.raw);
  }
  return JSON.stringify(out);
}

describe.each(backends)('export and erasure after a full session on %s', (backend) => {
  let t: TestService;
  let admin: StoaClient;
  beforeAll(async () => {
    t = await startTestService({ backend, env: { TENANT_ADMINS: `${ADMIN.tenantId}:${ADMIN.userId}` } });
    admin = await t.as(ADMIN);
  });
  afterAll(() => t.close());

  it('GET /admin/users/:userId/export 200 holds every item of the user and no one else’s identity, then POST /admin/users/:userId/erase 200 leaves them nowhere', async () => {
    const w = await buildRoundWorld(t, 2);
    const subject = await actor(t, { name: 'Zelda Quintero-Marsh' });
    await subject.client.call('joinClass', {
      params: { classId: w.cls.id },
      body: { joinCode: w.cls.joinCode ?? '' },
    });
    await annotateAs(t, w, subject, 'I do not follow this step.');
    await annotateAs(t, w, w.students[0]!, 'Neither do I.');
    const roundIds = await fullSession(w, subject);
    await w.facilitator.client.call('createNoteVersion', {
      params: { sessionId: w.session.id },
      body: { name: 'After class' },
    });

    // Export: every kind of item, none of anyone else.
    const mine = await subject.client.call('exportMyData', {});
    const data = await admin.call('exportUserData', { params: { userId: subject.user.userId } });
    expect(data.memberships).toEqual(mine.memberships);
    expect(data.memberships).toEqual([expect.objectContaining({ classId: w.cls.id, role: 'student' })]);
    expect(data.rounds.answers.map((a) => [a.vote, a.optionText, a.confidence])).toEqual([
      ['first', 'Gravity', 'high'],
      ['revote', 'Gravity', 'high'],
    ]);
    expect(data.rounds.questions).toEqual([
      expect.objectContaining({ text: 'Why is the orbit an ellipse?', anonymous: true, upvotes: 2 }),
    ]);
    expect(data.rounds.votes).toEqual([
      expect.objectContaining({ questionText: 'What sets the orbital period?', value: 1 }),
    ]);
    expect(data.rounds.peerAnswers).toEqual([expect.objectContaining({ text: 'The mass and the radius.' })]);
    expect(data.rounds.ratings).toEqual([expect.objectContaining({ value: 1 })]);
    expect(data.rounds.muddyPoints).toEqual([expect.objectContaining({ text: 'Kepler’s third law' })]);
    expect(data.notes.annotations.map((a) => [a.kind, a.anonymous, a.quote]).sort()).toEqual([
      ['flag', false, 'ellipses'],
      ['flag', true, 'perihelion'],
      ['thread', false, 'ellipses'],
    ]);
    expect(data.notes.comments).toEqual([expect.objectContaining({ text: 'I do not follow this step.' })]);
    expect(data.summary).toContain('Why is the orbit an ellipse?');
    // What the service sent to them alone: their own part of each round, partners only as a count.
    const own = (kind: string) => data.privateEvents.filter((e) => e.kind === kind).map((e) => e.content);
    expect(own('peer_instruction')).toContainEqual(
      expect.objectContaining({ answer: { option: 1, confidence: 'high' } }),
    );
    const groups = own('peer_instruction')
      .map((c) => c.discussionGroup as { index: number; partners: number } | null)
      .filter((g) => g !== null);
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.at(-1)!.partners).toBeGreaterThan(0);
    expect(own('question_round')).toContainEqual({
      assignedQuestions: [{ questionId: 'q2', text: 'What sets the orbital period?' }],
    });
    expect(own('muddiest_point')).toContainEqual({
      mine: { text: 'Kepler’s third law', headingId: null, anonymous: true },
    });
    expect(data.summary).toContain('Updates sent to you alone');
    const exported = JSON.stringify(data);
    for (const other of [w.owner, w.facilitator, ...w.students]) {
      expect(exported).not.toContain(other.user.userId);
      expect(exported).not.toContain(other.user.name);
    }
    expect(exported).not.toContain('Neither do I.');

    const statsBefore = await Promise.all([
      ...roundIds.map((roundId) => w.facilitator.client.call('getRoundAnalytics', { params: { roundId } })),
      w.facilitator.client.call('getSessionAnalytics', { params: { sessionId: w.session.id } }),
    ]);
    const before = await everyResponse(t, w, roundIds, admin);
    expect(before).toContain(subject.user.userId);
    expect(before).toContain(subject.user.name);

    const authorsBefore = await w.owner.client.call('listAnnotationAuthors', {
      params: { sessionId: w.session.id },
    });
    expect(authorsBefore.items.map((a) => a.userId)).toContain(subject.user.userId);

    const erased = await admin.call('eraseUser', { params: { userId: subject.user.userId }, body: {} });
    expect(erased.counts).toMatchObject({
      memberships: 1,
      rounds: 3,
      roundTextsRemoved: 3,
      notes: 1,
      annotationAuthors: 1,
    });
    const authorsAfter = await w.owner.client.call('listAnnotationAuthors', {
      params: { sessionId: w.session.id },
    });
    expect(JSON.stringify(authorsAfter)).not.toContain(subject.user.userId);
    expect(authorsAfter.items).toHaveLength(1);

    const after = await everyResponse(t, w, roundIds, admin);
    expect(after).not.toContain(subject.user.userId);
    expect(after).not.toContain(subject.user.name);
    // Their own words in the rounds are gone everywhere: round views, analytics, the CSV, the event
    // streams, and the round summaries Stoa wrote into the notes; the items themselves stay.
    for (const text of SUBJECT_ROUND_TEXTS) expect(after, text).not.toContain(text);
    expect(after).toContain(REMOVED_TEXT);
    // The classmates' words stay.
    for (const text of ['What sets the orbital period?', 'Gravity falls off as 1/r²', 'Escape velocity']) {
      expect(after, text).toContain(text);
    }
    // The notes still load, with the text and the classmate's annotation intact.
    expect(after).toContain('Orbit notes: I do not follow this step.');
    const statsAfter = await Promise.all([
      ...roundIds.map((roundId) => w.facilitator.client.call('getRoundAnalytics', { params: { roundId } })),
      w.facilitator.client.call('getSessionAnalytics', { params: { sessionId: w.session.id } }),
    ]);
    // Distributions, switches, votes, answers, participation: unchanged. A muddiest point whose text is
    // gone still counts as a submission but no longer labels a cluster.
    const [piAfter, qrAfter, mpAfter, sessionAfter] = statsAfter;
    const [piBefore, qrBefore, mpBefore, sessionBefore] = statsBefore;
    expect(piAfter).toEqual(piBefore);
    expect(qrAfter).toEqual(qrBefore);
    expect(sessionAfter).toEqual(sessionBefore);
    if (!mpBefore || !('kind' in mpBefore) || mpBefore.kind !== 'muddiest_point') {
      throw new Error('expected a muddiest-point round');
    }
    expect(mpAfter).toEqual({
      ...mpBefore,
      clusters: mpBefore.clusters.filter((c) => c.representative !== 'Kepler’s third law'),
    });
    expect(mpBefore.clusters).toHaveLength(2);

    // Nothing links the person's items across rounds: each round knows them by another pseudonym.
    const db = t.service.context.storage.database.db;
    const pseudonyms = (text: string) => new Set(text.match(/erased_[0-9a-z]{20}/g) ?? []);
    const perRound = await Promise.all(
      roundIds.map(async (roundId) => {
        const row = await db
          .selectFrom('rounds')
          .select('snapshot')
          .where('id', '=', roundId)
          .executeTakeFirstOrThrow();
        const events = await db
          .selectFrom('round_events')
          .select('event')
          .where('round_id', '=', roundId)
          .execute();
        return pseudonyms(row.snapshot + events.map((e) => e.event).join(''));
      }),
    );
    for (const set of perRound) expect(set.size).toBe(1);
    expect(new Set(perRound.flatMap((set) => [...set])).size).toBe(3);

    // A fresh collaboration client still sees both threads, the erased one without its author.
    const token = (await t.anonymous().call('createDevToken', { body: w.students[0]!.user })).token;
    const reader = noteClient(t.url, w.session.id, token);
    try {
      await waitFor(() => reader.provider.isSynced, 'the note to sync');
      const annotations = JSON.stringify(reader.doc.getMap(ANNOTATIONS_KEY).toJSON());
      // Their comment is still in the thread, without its words; the classmate's is untouched.
      expect(annotations).not.toContain('I do not follow this step.');
      expect(annotations).toContain(REMOVED_TEXT);
      expect(annotations).toContain('Neither do I.');
      expect(annotations).not.toContain(subject.user.userId);
      expect(annotations).not.toContain(subject.user.name);
    } finally {
      reader.destroy();
    }

    // Nothing in storage either, byte for byte (the note's history was compacted).
    for (const table of [
      'members',
      'classes',
      'sessions',
      'session_events',
      'note_updates',
      'note_snapshots',
      'note_versions',
      'rounds',
      'round_events',
      'conversation_refs',
      'annotation_authors',
    ] as const) {
      const rows = await db.selectFrom(table).selectAll().execute();
      for (const row of rows) {
        for (const value of Object.values(row)) {
          const bytes = value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(String(value));
          expect(bytes.includes(subject.user.userId), `${table} holds the user id`).toBe(false);
          expect(bytes.includes(subject.user.name), `${table} holds the name`).toBe(false);
          for (const text of SUBJECT_ROUND_TEXTS) {
            expect(bytes.includes(text), `${table} holds "${text}"`).toBe(false);
          }
        }
      }
    }

    // Idempotent, and recorded each time.
    const again = await admin.call('eraseUser', { params: { userId: subject.user.userId }, body: {} });
    expect(again.counts).toMatchObject({ memberships: 0, rounds: 0, notes: 0 });
    const audit = await admin.call('listAuditEntries', { query: { limit: 100 } });
    expect(audit.items.filter((e) => e.action === 'user_erased')).toHaveLength(2);
    await expectApiError(
      admin.call('exportUserData', { params: { userId: subject.user.userId } }),
      404,
      'not_found',
    );
  });
});
