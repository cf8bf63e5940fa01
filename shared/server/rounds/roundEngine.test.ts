import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassId, SessionId } from '../../contract/ids';
import { createRound, RoundCreateSchema, type RoundId, type RoundState } from '../../contract/rounds';
import { storageBackends } from '../test/backends';
import { openTestDatabase, type TestDatabase } from '../test/database';
import { buildClassRow, buildSessionRow } from '../test/rows';
import { newId } from '../storage/ids';
import { RoundEngine, type Committed, type Outcome } from './roundEngine';
import type { RoundActor } from './roundLog';
import { RoundStore } from './roundStore';

const backends = await storageBackends();
const log = pino({ level: 'silent' });
const facilitator: RoundActor = { userId: 'fac', role: 'facilitator', name: 'Fac' };
const student = (i: number): RoundActor => ({ userId: `stu-${i}`, role: 'student', name: `Student ${i}` });
const answer = (option = 1) => ({ type: 'answer' as const, option, confidence: 'medium' as const });

describe.each(backends)('round engine over a shared log on %s', (backend) => {
  let db: TestDatabase;
  let store: RoundStore;
  let sessionId: string;
  let classId: string;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    store = new RoundStore(db.database.db, db.database.dialect);
    const cls = buildClassRow();
    const session = buildSessionRow(cls);
    await db.storage.classes.insert(cls);
    await db.storage.sessions.insert(session);
    sessionId = session.id;
    classId = cls.id;
  });
  afterAll(() => db.close());

  function engine(opts: { snapshotEvery?: number; committed?: Committed[] } = {}) {
    return new RoundEngine({
      store,
      clock: Date.now,
      log,
      onCommit: (c) => opts.committed?.push(c),
      ...(opts.snapshotEvery ? { snapshotEvery: opts.snapshotEvery } : {}),
    });
  }

  /** Creates a Peer Instruction round through `e` and starts it. */
  async function startedRound(e: RoundEngine): Promise<string> {
    const id = newId('rnd');
    const now = Date.now();
    const state = createRound(
      RoundCreateSchema.parse({
        kind: 'peer_instruction',
        question: 'Q?',
        options: ['A', 'B', 'C'],
        correctOption: 1,
      }),
      {
        id: id as RoundId,
        sessionId: sessionId as SessionId,
        classId: classId as ClassId,
        createdBy: 'fac',
        now,
      },
    );
    await e.create(
      {
        id,
        session_id: sessionId,
        class_id: classId,
        tenant_id: 'tenant-a',
        kind: state.kind,
        phase: state.phase,
        deadline_at: null,
        snapshot: JSON.stringify(state),
        snapshot_seq: 0,
        phase_seq: 0,
        lease_until: null,
        lease_owner: null,
        card_conversation_id: null,
        card_activity_id: null,
        created_by: 'fac',
        created_at: now,
        updated_at: now,
      },
      state,
    );
    expect((await e.submit(id, { event: { type: 'start' }, actor: facilitator, key: null })).kind).toBe(
      'accepted',
    );
    return id;
  }

  const answers = (s: RoundState) => (s.kind === 'peer_instruction' ? s.answers.length : -1);
  const seqs = async (id: string) => (await store.eventsAfter(id, 0)).map((r) => r.seq);

  it('counts every answer once when two instances append to one round at the same time', async () => {
    const a = engine();
    const b = engine();
    const id = await startedRound(a);
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 ? a : b).submit(id, { event: answer(i % 3), actor: student(i), key: `k${i}` }),
      ),
    );
    expect(outcomes.every((o) => o.kind === 'accepted')).toBe(true);
    expect(answers(await a.read(id))).toBe(60);
    expect(answers(await b.read(id))).toBe(60);
    expect(await seqs(id)).toEqual(Array.from({ length: 61 }, (_, i) => i + 1));
  });

  it('answers a retry taken by the other instance as a duplicate, and records it once', async () => {
    const a = engine();
    const b = engine();
    const id = await startedRound(a);
    await b.read(id);
    expect((await a.submit(id, { event: answer(), actor: student(1), key: 'same' })).kind).toBe('accepted');
    const retried: Outcome = await b.submit(id, { event: answer(), actor: student(1), key: 'same' });
    expect(retried.kind).toBe('duplicate');
    expect(answers(retried.state)).toBe(1);
    // The same key from another student is a different request.
    expect((await b.submit(id, { event: answer(), actor: student(2), key: 'same' })).kind).toBe('accepted');
    expect(await seqs(id)).toEqual([1, 2, 3]);
  });

  it('confirms a refusal against the log: a stale instance never accepts an answer after the phase closed', async () => {
    const a = engine();
    const b = engine();
    const id = await startedRound(a);
    await b.read(id);
    await a.submit(id, { event: { type: 'closePhase', phase: 'answering' }, actor: facilitator, key: null });
    const late = await b.submit(id, { event: answer(), actor: student(3), key: 'late' });
    expect(late.kind).toBe('refused');
    expect(late.kind === 'refused' && late.refusal.error).toBe('wrong_phase');
    // And a refusal that only a fresh state avoids is not given: the stale instance catches up first.
    const c = engine();
    const id2 = await startedRound(c);
    const d = engine();
    await d.read(id2);
    await c.submit(id2, { event: { type: 'closePhase', phase: 'answering' }, actor: facilitator, key: null });
    const advanced = await d.submit(id2, {
      event: { type: 'advance', to: 'revealed' },
      actor: facilitator,
      key: null,
    });
    expect(advanced.kind).toBe('accepted');
    expect(advanced.state.phase).toBe('revealed');
  });

  it('writes a snapshot every N events and a fresh instance loads the same state from snapshot and tail', async () => {
    const committed: Committed[] = [];
    const a = engine({ snapshotEvery: 10, committed });
    const id = await startedRound(a);
    for (let i = 0; i < 25; i++)
      await a.submit(id, { event: answer(i % 3), actor: student(i), key: `s${i}` });
    const row = await store.findRound(id);
    expect(row?.snapshot_seq).toBe(20);
    const fresh = engine();
    expect(await fresh.read(id)).toEqual(await a.read(id));
    // Keys held by the snapshot still make retries duplicates after a reload.
    expect((await fresh.submit(id, { event: answer(0), actor: student(3), key: 's3' })).kind).toBe(
      'duplicate',
    );
    expect(committed.flatMap((c) => c.changes)).toHaveLength(26);
  });

  it('appends nothing for a refusal or a change-less event, and moves the row with the phase', async () => {
    const a = engine();
    const id = await startedRound(a);
    const before = await seqs(id);
    const refused = await a.submit(id, { event: answer(7), actor: student(1), key: null });
    expect(refused.kind === 'refused' && refused.refusal.error).toBe('unknown_option');
    const joined = await a.submit(id, { event: { type: 'join' }, actor: student(1), key: null });
    expect(joined.kind).toBe('accepted');
    const again = await a.submit(id, { event: { type: 'join' }, actor: student(1), key: null });
    expect(again.kind).toBe('accepted');
    expect(await seqs(id)).toEqual([...before, before.length + 1]);
    const row = await store.findRound(id);
    expect(row).toMatchObject({ phase: 'answering', phase_seq: 1 });
    expect(row?.deadline_at).toBe((await a.read(id)).deadline);
    await a.submit(id, { event: { type: 'advance' }, actor: facilitator, key: null });
    expect(await store.findRound(id)).toMatchObject({ phase: 'gate', deadline_at: null, phase_seq: 3 });
  });
});
