/**
 * Makes `firstRelease.json`: a small class made through the real service of the first release (migrations
 * 001–007), its rows dumped table by table, and what its people saw through the API then. The committed file
 * was made with the first release's own code: `git archive e103493` (the first cycle's last commit) into a
 * scratch directory with this checkout's node_modules, these three files (makeFixture, fixture, views) copied
 * in, then `npx tsx tests/ops/upgrade/makeFixture.ts` there. Do not regenerate it on a later release: the
 * point of the fixture is that it stays what the first release wrote and showed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { noteClient, typeParagraph, waitFor } from '../../../shared/server/notes/test/collabClient';
import { migrationProvider } from '../../../shared/server/storage/migrations';
import { startTestService, type TestUser } from '../../../shared/server/test/testService';
import { encodeRows, FIRST_RELEASE_MIGRATIONS, type UpgradeFixture } from './fixture';
import { classViews } from './views';

const names = Object.keys(await migrationProvider.getMigrations());
if (names.join() !== FIRST_RELEASE_MIGRATIONS.join()) {
  throw new Error(`The schema is past the first release (${names.join(', ')}); keep the committed fixture.`);
}

const dir = mkdtempSync(join(tmpdir(), 'stoa-fixture-'));
const file = join(dir, 'stoa.db');
// A small compaction interval: each note is a snapshot plus logged updates, both read when it loads.
const t = await startTestService({ env: { SQLITE_PATH: file, NOTES_COMPACT_ROWS: '6' } });
const tenantId = 'tenant-first';
const user = (userId: string, name: string): TestUser => ({ tenantId, userId, name });
const owner = user('lecturer-1', 'Ada Lecturer');
const students = [
  user('student-1', 'Björn Student'),
  user('student-2', 'Chen Student'),
  user('student-3', 'Dana Student'),
];
const api = await t.as(owner);
const cls = await api.call('createClass', { body: { name: 'Mechanics 101' } });
for (const s of students) {
  await (await t.as(s)).call('joinClass', { params: { classId: cls.id }, body: { joinCode: cls.joinCode! } });
}
const sessionIds = [];
const typists: Array<ReturnType<typeof noteClient>> = [];
for (const [n, title] of ['Lecture 1: forces', 'Lecture 2: energy'].entries()) {
  const session = await api.call('createSession', { params: { classId: cls.id }, body: { title } });
  sessionIds.push(session.id);
  const token = (await t.anonymous().call('createDevToken', { body: owner })).token;
  const typist = noteClient(t.url, session.id, token);
  await waitFor(() => typist.provider.synced, 'typist synced', 20_000);
  for (let i = 0; i < 60; i++) {
    typeParagraph(typist.doc, `${title}, line ${i}: Newton's law ${i % 3} and ünïcödé`);
    if (i % 10 === 0) await waitFor(() => !typist.provider.hasUnsyncedChanges, 'acknowledged', 20_000);
  }
  await waitFor(() => !typist.provider.hasUnsyncedChanges, 'acknowledged', 20_000);
  // Left open until the rows are read: the last client leaving a note compacts its log into the snapshot.
  typists.push(typist);
  await api.call('createNoteVersion', {
    params: { sessionId: session.id },
    body: { name: `After lecture ${n + 1}` },
  });
  const round = await api.call('startRound', {
    params: { sessionId: session.id },
    body: { round: { kind: 'peer_instruction', question: `Question ${n + 1}?`, options: ['A', 'B', 'C'] } },
  });
  for (const [i, s] of students.entries()) {
    await (
      await t.as(s)
    ).call('sendRoundEvent', {
      params: { roundId: round.roundId },
      body: {
        event: { type: 'answer', option: i % 3, confidence: 'medium' },
        idempotencyKey: `first-${n}-${i}`,
      },
    });
  }
  // Facilitator moves the round to its end, so no timer changes it after the upgrade.
  for (let step = 0; step < 8; step++) {
    const view = await api.call('getRound', { params: { roundId: round.roundId } });
    if (view.phase === 'ended') break;
    await api.call('sendRoundEvent', {
      params: { roundId: round.roundId },
      body: { event: { type: 'advance' }, idempotencyKey: `adv-${n}-${step}` },
    });
  }
  const muddy = await api.call('startRound', {
    params: { sessionId: session.id },
    body: { round: { kind: 'muddiest_point' } },
  });
  await (
    await t.as(students[0]!)
  ).call('sendRoundEvent', {
    params: { roundId: muddy.roundId },
    body: { event: { type: 'submitMuddy', text: 'Why is energy conserved?' }, idempotencyKey: `m-${n}` },
  });
  await api.call('sendRoundEvent', {
    params: { roundId: muddy.roundId },
    body: { event: { type: 'advance' }, idempotencyKey: `m-end-${n}` },
  });
}
await api.call('endSession', { params: { sessionId: sessionIds[0]! }, body: {} });
const ids = { classId: cls.id, sessionIds };
const views = await classViews(ids, api, await t.as(students[0]!));

// Read while the service still runs (WAL: committed rows are visible): closing would compact the notes.
const db = new SQLite(file, { readonly: true });
const migrations = (
  db.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>
).map((r) => r.name);
const tables: UpgradeFixture['tables'] = [];
// Creation order is a safe insert order: a table is made after the tables its foreign keys name.
for (const { name } of db
  .prepare(
    "select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%' order by rowid",
  )
  .all() as Array<{ name: string }>) {
  tables.push({
    name,
    rows: encodeRows(db.prepare(`select * from "${name}"`).all() as Array<Record<string, unknown>>),
  });
}
db.close();
for (const typist of typists) typist.destroy();
await t.close();
rmSync(dir, { recursive: true, force: true });
const fixture: UpgradeFixture = {
  about: 'A class made by the first release of Stoa (commit e103493, migrations 001-007), see makeFixture.ts',
  migrations,
  people: { tenantId, owner: owner.userId, students: students.map((s) => s.userId) },
  ids,
  tables,
  views,
};
writeFileSync(new URL('./firstRelease.json', import.meta.url), JSON.stringify(fixture, null, 1) + '\n');
console.log(`firstRelease.json: ${tables.map((t) => `${t.name} ${t.rows.length}`).join(', ')}`);
