import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../../shared/server/storage/migrations';
import { TEST_PG_URL, dropPgSchema, storageBackends } from '../../../shared/server/test/backends';
import { testSchemaName } from '../../../shared/server/test/database';
import { startTestService } from '../../../shared/server/test/testService';
import { decodeRow, FIRST_RELEASE_MIGRATIONS, type UpgradeFixture } from './fixture';
import { classViews } from './views';

const fixture = JSON.parse(
  readFileSync(new URL('./firstRelease.json', import.meta.url), 'utf8'),
) as UpgradeFixture;
const dir = mkdtempSync(join(tmpdir(), 'stoa-upgrade-'));
const schemas: string[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const s of schemas) await dropPgSchema(s);
});

/** A database holding exactly what the first release wrote: its migrations, then its rows. */
async function firstReleaseDatabase(backend: 'sqlite' | 'postgres', file: string, schema: string) {
  const all = await migrationProvider.getMigrations();
  const first = Object.fromEntries(fixture.migrations.map((name) => [name, all[name]!]));
  let db: Kysely<Record<string, Record<string, unknown>>>;
  if (backend === 'sqlite') {
    const native = new SQLite(file);
    native.pragma('journal_mode = WAL');
    db = new Kysely({ dialect: new SqliteDialect({ database: native }) });
  } else {
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`create schema "${schema}"`);
    await admin.end();
    const pool = new pg.Pool({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}` });
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  }
  try {
    // Configured as the service's migrator is (storage/db.ts), so the service continues from this table.
    const migrator = new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(first) },
      allowUnorderedMigrations: true,
      ...(backend === 'postgres' ? { migrationTableSchema: schema } : {}),
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
    for (const table of fixture.tables) {
      for (const row of table.rows) await db.insertInto(table.name).values(decodeRow(row)).execute();
    }
    if (backend === 'postgres') {
      // Rows came with their ids; move each id sequence past them, as a dump's restore would.
      const { rows } = await sql<{ table_name: string; column_name: string }>`
        select table_name, column_name from information_schema.columns
        where table_schema = ${schema} and column_default like 'nextval%'`.execute(db);
      for (const r of rows) {
        await sql`select setval(pg_get_serial_sequence(${`"${schema}"."${r.table_name}"`}, ${r.column_name}),
          coalesce((select max(${sql.ref(r.column_name)}) from ${sql.table(r.table_name)}), 0) + 1, false)`.execute(
          db,
        );
      }
    }
  } finally {
    await db.destroy();
  }
}

async function appliedMigrations(
  backend: 'sqlite' | 'postgres',
  file: string,
  schema: string,
): Promise<string[]> {
  if (backend === 'sqlite') {
    const db = new SQLite(file, { readonly: true });
    const rows = db.prepare('select name from kysely_migration order by name').all() as Array<{
      name: string;
    }>;
    db.close();
    return rows.map((r) => r.name);
  }
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  const { rows } = await client.query<{ name: string }>(
    `select name from "${schema}".kysely_migration order by name`,
  );
  await client.end();
  return rows.map((r) => r.name);
}

describe.each(await storageBackends())('%s: a database of the first release', (backend) => {
  it('upgrades to the latest migration with every class, note, version and round intact', async () => {
    expect(fixture.migrations).toEqual(FIRST_RELEASE_MIGRATIONS);
    const latest = Object.keys(await migrationProvider.getMigrations()).sort();
    // Released migrations are never renamed or removed: the upgrade path starts from them.
    expect(latest).toEqual(expect.arrayContaining(fixture.migrations));

    const file = join(dir, `${backend}.db`);
    const schema = testSchemaName();
    if (backend === 'postgres') schemas.push(schema);
    await firstReleaseDatabase(backend, file, schema);
    expect(await appliedMigrations(backend, file, schema)).toEqual(fixture.migrations);

    // The service migrates at start: every migration since the first release runs on the fixture's rows.
    const t = await startTestService({
      backend,
      env: backend === 'sqlite' ? { SQLITE_PATH: file } : {},
      ...(backend === 'postgres' ? { pgSchema: schema } : {}),
    });
    try {
      expect(await appliedMigrations(backend, file, schema)).toEqual(latest);
      const { tenantId, owner, students } = fixture.people;
      const ownerApi = await t.as({ tenantId, userId: owner, name: 'Ada Lecturer' });
      const studentApi = await t.as({ tenantId, userId: students[0]!, name: 'Björn Student' });
      const views = await classViews(fixture.ids, ownerApi, studentApi);
      // Later releases may add fields; nothing the first release showed may change or go missing.
      expect(views).toMatchObject(fixture.views);

      // And the upgraded database takes new writes (PostgreSQL: id sequences continue after the old rows).
      const sessionId = fixture.ids.sessionIds[1]!;
      await ownerApi.call('createNoteVersion', {
        params: { sessionId },
        body: { name: 'After the upgrade' },
      });
      const round = await ownerApi.call('startRound', {
        params: { sessionId },
        body: { round: { kind: 'muddiest_point' } },
      });
      await studentApi.call('sendRoundEvent', {
        params: { roundId: round.roundId },
        body: {
          event: { type: 'submitMuddy', text: 'Still unclear after the upgrade' },
          idempotencyKey: 'u1',
        },
      });
      const versions = await ownerApi.call('listNoteVersions', { params: { sessionId } });
      expect(versions.items.map((v) => v.name)).toContain('After the upgrade');
    } finally {
      await t.close();
    }
  }, 60_000);
});
