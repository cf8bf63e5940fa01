import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLAB_CLOSE } from '../../contract/collab';
import { dropPgSchema, storageBackends } from '../test/backends';
import { noteClient, waitFor } from '../notes/test/collabClient';
import { actor, botActingFor, type Actor } from '../test/factories';
import { startTestService, type TestService } from '../test/testService';
import { runRetention } from './retention';
import { privacyDb } from './tables';

const backends = await storageBackends();
const DAY = 86_400_000;
const TENANT = 'tenant-retention';
const ADMIN = { tenantId: TENANT, userId: 'retention-admin', name: 'Retention Admin' };
const env = { TENANT_ADMINS: `${TENANT}:${ADMIN.userId}` };

/** A class of the retention tenant with a student, a session, a note with a version, a round and a bot reference. */
async function busyClass(t: TestService, name: string) {
  const owner = await actor(t, { tenantId: TENANT });
  const student: Actor = await actor(t, { tenantId: TENANT });
  const cls = await owner.client.call('createClass', { body: { name } });
  await student.client.call('joinClass', {
    params: { classId: cls.id },
    body: { joinCode: cls.joinCode ?? '' },
  });
  const session = await owner.client.call('createSession', {
    params: { classId: cls.id },
    body: { title: 'L1' },
  });
  await t.service.context.notes!.appendToNote(session.id, [
    { type: 'paragraph', content: [{ type: 'text', text: `Notes of ${name}` }] },
  ]);
  await owner.client.call('createNoteVersion', { params: { sessionId: session.id }, body: { name: 'v1' } });
  const round = await owner.client.call('startRound', {
    params: { sessionId: session.id },
    body: { round: { kind: 'muddiest_point', prompt: 'Least clear?' } },
  });
  await student.client.call('sendRoundEvent', {
    params: { roundId: round.roundId },
    body: { event: { type: 'submitMuddy', text: 'Entropy' } },
  });
  const bot = await botActingFor(t, owner.user);
  await bot.call('putConversationReference', {
    params: { classId: cls.id },
    body: { reference: { conversation: { id: `19:${name}` } } },
  });
  await owner.client.call('endSession', { params: { sessionId: session.id }, body: {} });
  return { cls, session, roundId: round.roundId };
}

/** Rows that belong to a class, table by table. */
async function rowsOf(t: TestService, classId: string, sessionId: string, roundId: string) {
  const db = t.service.context.storage.database.db;
  const count = async (q: { execute(): Promise<unknown[]> }) => (await q.execute()).length;
  return {
    classes: await count(db.selectFrom('classes').select('id').where('id', '=', classId)),
    members: await count(db.selectFrom('members').select('user_id').where('class_id', '=', classId)),
    sessions: await count(db.selectFrom('sessions').select('id').where('class_id', '=', classId)),
    session_events: await count(
      db.selectFrom('session_events').select('id').where('session_id', '=', sessionId),
    ),
    // The log may already be compacted into the snapshot (a session's end unloads its note): both count.
    note_data:
      (await count(db.selectFrom('note_updates').select('id').where('session_id', '=', sessionId))) +
      (await count(db.selectFrom('note_snapshots').select('session_id').where('session_id', '=', sessionId))),
    note_versions: await count(
      db.selectFrom('note_versions').select('id').where('session_id', '=', sessionId),
    ),
    rounds: await count(db.selectFrom('rounds').select('id').where('class_id', '=', classId)),
    round_events: await count(db.selectFrom('round_events').select('seq').where('round_id', '=', roundId)),
    conversation_refs: await count(
      db.selectFrom('conversation_refs').select('class_id').where('class_id', '=', classId),
    ),
    retention_policies: await count(
      privacyDb(db).selectFrom('retention_policies').select('days').where('class_id', '=', classId),
    ),
  };
}

/** Lets coalesced round views (published within a quarter second) reach the session's event log. */
const settle = () => new Promise((r) => setTimeout(r, 600));

/** Moves everything that happened in a class `days` into the past, as if nobody had touched it since. */
async function age(t: TestService, classId: string, days: number) {
  await settle();
  const db = t.service.context.storage.database.db;
  const then = Date.now() - days * DAY;
  const sessions = db.selectFrom('sessions').select('id').where('class_id', '=', classId);
  const rounds = db.selectFrom('rounds').select('id').where('class_id', '=', classId);
  await db.updateTable('classes').set({ created_at: then }).where('id', '=', classId).execute();
  await db.updateTable('members').set({ joined_at: then }).where('class_id', '=', classId).execute();
  await db.updateTable('sessions').set({ started_at: then }).where('class_id', '=', classId).execute();
  await db
    .updateTable('sessions')
    .set({ ended_at: then })
    .where('class_id', '=', classId)
    .where('ended_at', 'is not', null)
    .execute();
  await db
    .updateTable('note_updates')
    .set({ created_at: then })
    .where('session_id', 'in', sessions)
    .execute();
  await db
    .updateTable('note_snapshots')
    .set({ edited_at: then })
    .where('session_id', 'in', sessions)
    .execute();
  await db
    .updateTable('note_versions')
    .set({ created_at: then })
    .where('session_id', 'in', sessions)
    .execute();
  await db
    .updateTable('session_events')
    .set({ created_at: then })
    .where('session_id', 'in', sessions)
    .execute();
  await db
    .updateTable('rounds')
    .set({ created_at: then, updated_at: then })
    .where('class_id', '=', classId)
    .execute();
  await db.updateTable('round_events').set({ at: then }).where('round_id', 'in', rounds).execute();
}

/** A class of the retention tenant with a student, a session that was never ended and an open round. */
async function openClass(t: TestService, name: string) {
  const owner = await actor(t, { tenantId: TENANT });
  const student: Actor = await actor(t, { tenantId: TENANT });
  const cls = await owner.client.call('createClass', { body: { name } });
  await student.client.call('joinClass', {
    params: { classId: cls.id },
    body: { joinCode: cls.joinCode ?? '' },
  });
  const session = await owner.client.call('createSession', {
    params: { classId: cls.id },
    body: { title: 'L1' },
  });
  const round = await owner.client.call('startRound', {
    params: { sessionId: session.id },
    body: { round: { kind: 'muddiest_point', prompt: 'Least clear?' } },
  });
  return { cls, session, roundId: round.roundId, owner, student };
}

describe.each(backends)('retention on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend, env });
  });
  afterAll(() => t.close());

  it('GET /admin/retention 200 dry run lists the expired class, the job then deletes all of it and nothing of a live class', async () => {
    const admin = await t.as(ADMIN);
    const old = await busyClass(t, 'Old course');
    const live = await busyClass(t, 'Live course');
    await admin.call('setRetentionPolicy', { body: { classId: null, days: 30 } });
    await admin.call('setRetentionPolicy', { body: { classId: old.cls.id, days: 5 } });
    // The live class is as old, but its own rule keeps it a year.
    await admin.call('setRetentionPolicy', { body: { classId: live.cls.id, days: 365 } });
    await age(t, old.cls.id, 10);
    await age(t, live.cls.id, 10);
    const oldBefore = await rowsOf(t, old.cls.id, old.session.id, old.roundId);
    const liveBefore = await rowsOf(t, live.cls.id, live.session.id, live.roundId);
    for (const [table, n] of Object.entries(oldBefore)) expect(n, table).toBeGreaterThan(0);

    const overview = await admin.call('getRetention', {});
    expect(overview.dryRun).toEqual([
      expect.objectContaining({ classId: old.cls.id, days: 5, sessions: 1, rounds: 1, members: 2 }),
    ]);
    expect(await rowsOf(t, old.cls.id, old.session.id, old.roundId)).toEqual(oldBefore);

    const privacy = t.service.context.privacy!;
    await privacy.audit.record({
      tenantId: TENANT,
      actorId: 'x',
      action: 'csv_exported',
      at: Date.now() - 800 * DAY,
    });
    const run = await privacy.retention.runOnce(Date.now());
    expect(run?.deletedClasses.map((c) => c.classId)).toEqual([old.cls.id]);
    expect(run?.auditEntriesDeleted).toBeGreaterThanOrEqual(1);
    const oldAfter = await rowsOf(t, old.cls.id, old.session.id, old.roundId);
    for (const [table, n] of Object.entries(oldAfter)) expect(n, table).toBe(0);
    // Nothing of the live class went (its event log may still grow: round views are published in batches).
    const liveAfter = await rowsOf(t, live.cls.id, live.session.id, live.roundId);
    for (const [table, n] of Object.entries(liveBefore)) {
      expect(liveAfter[table as keyof typeof liveAfter], table).toBeGreaterThanOrEqual(n);
      expect(n, table).toBeGreaterThan(0);
    }

    const audit = await admin.call('listAuditEntries', { query: { limit: 100 } });
    expect(audit.items.find((e) => e.action === 'retention_run')?.details).toEqual({
      classes: [{ classId: old.cls.id, sessions: 1, rounds: 1 }],
    });
    expect(audit.items.some((e) => e.action === 'csv_exported')).toBe(false);
    expect((await admin.call('getRetention', {})).dryRun).toEqual([]);
  });

  it('keeps classes whose long-open session still sees note edits or round activity, deletes the idle one and closes its open note and event stream', async () => {
    const admin = await t.as(ADMIN);
    const edited = await openClass(t, 'Edited course');
    const voted = await openClass(t, 'Voting course');
    const idle = await openClass(t, 'Idle course');
    for (const c of [edited, voted, idle]) {
      await admin.call('setRetentionPolicy', { body: { classId: c.cls.id, days: 5 } });
    }
    // An old tab still has the idle class's note open.
    const token = (await t.anonymous().call('createDevToken', { body: idle.owner.user })).token;
    const editor = noteClient(t.url, idle.session.id, token);
    // ... and its event stream.
    const stream = await fetch(`${t.url}/api/v1/sessions/${idle.session.id}/events`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(stream.status).toBe(200);
    const streamEnded = (async () => {
      const reader = stream.body!.getReader();
      try {
        while (!(await reader.read()).done);
      } catch {
        // a cut connection ends it too
      }
      return true;
    })();
    try {
      await waitFor(() => editor.scopes.length > 0, 'the idle note to open');
      // Everything happened ten days ago; the sessions were never ended.
      for (const c of [edited, voted, idle]) await age(t, c.cls.id, 10);
      expect((await admin.call('getRetention', {})).dryRun.map((c) => c.classId).sort()).toEqual(
        [edited.cls.id, voted.cls.id, idle.cls.id].sort(),
      );

      // Today: notes are edited in one class, a round gets an answer in another.
      await t.service.context.notes!.appendToNote(edited.session.id, [
        { type: 'paragraph', content: [{ type: 'text', text: 'Added today' }] },
      ]);
      await voted.student.client.call('sendRoundEvent', {
        params: { roundId: voted.roundId },
        body: { event: { type: 'submitMuddy', text: 'Entropy' } },
      });
      await settle();

      const overview = await admin.call('getRetention', {});
      expect(overview.dryRun.map((c) => c.classId)).toEqual([idle.cls.id]);
      const lastIdle = Date.parse(overview.dryRun[0]!.lastActivityAt);
      expect(Date.now() - lastIdle).toBeGreaterThan(9 * DAY);

      // The job itself ran in the test above; its lease keeps it from running again so soon.
      const run = await runRetention(t.service.context.privacy!.deps, Date.now());
      expect(run.deletedClasses.map((c) => c.classId)).toEqual([idle.cls.id]);
      for (const [table, n] of Object.entries(await rowsOf(t, idle.cls.id, idle.session.id, idle.roundId))) {
        expect(n, table).toBe(0);
      }
      for (const c of [edited, voted]) {
        expect((await rowsOf(t, c.cls.id, c.session.id, c.roundId)).classes).toBe(1);
      }
      // The open stream ends; following the deleted session again is refused.
      expect(
        await Promise.race([
          streamEnded,
          settle()
            .then(() => settle())
            .then(() => false),
        ]),
      ).toBe(true);
      const again404 = await fetch(`${t.url}/api/v1/sessions/${idle.session.id}/events`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(again404.status).toBe(404);
      // The open editor is disconnected, and connecting to the deleted note again is refused.
      await waitFor(() => editor.closes.length > 0, 'the deleted note to close');
      const again = noteClient(t.url, idle.session.id, token);
      try {
        await waitFor(() => again.closes.length > 0, 'the new connection to be refused');
        expect(again.closes[0]).toBe(COLLAB_CLOSE.forbidden.code);
      } finally {
        again.destroy();
      }
    } finally {
      editor.destroy();
    }
  });
});

describe.each(backends)('retention with two instances on %s', (backend) => {
  const pgSchema = `t_${randomBytes(6).toString('hex')}`;
  const sqlitePath = join(tmpdir(), `stoa-retention-${randomBytes(6).toString('hex')}.db`);
  const shared = backend === 'postgres' ? { pgSchema } : { env: { ...env, SQLITE_PATH: sqlitePath } };
  let a: TestService;
  let b: TestService;
  beforeAll(async () => {
    a = await startTestService({ backend, env: { ...env, SQLITE_PATH: sqlitePath }, ...shared });
    b = await startTestService({ backend, env: { ...env, SQLITE_PATH: sqlitePath }, ...shared });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    if (backend === 'postgres') await dropPgSchema(pgSchema);
    else for (const f of ['', '-wal', '-shm']) rmSync(`${sqlitePath}${f}`, { force: true });
  });

  it('runs once when both instances poll at the same time, and not again within the interval', async () => {
    const now = Date.now();
    const runs = await Promise.all([
      a.service.context.privacy!.retention.runOnce(now),
      b.service.context.privacy!.retention.runOnce(now),
    ]);
    expect(runs.filter((r) => r !== null)).toHaveLength(1);
    const later = await Promise.all([
      a.service.context.privacy!.retention.runOnce(now + 1000),
      b.service.context.privacy!.retention.runOnce(now + 1000),
    ]);
    expect(later).toEqual([null, null]);
    const nextPeriod = now + a.service.context.env.RETENTION_POLL_MS + 1;
    expect(await b.service.context.privacy!.retention.runOnce(nextPeriod)).not.toBeNull();
  });
});
