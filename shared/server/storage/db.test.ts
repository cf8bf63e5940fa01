import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_PG_URL, dropPgSchema, storageBackends } from '../test/backends';
import { testSchemaName } from '../test/database';
import { buildClassRow } from '../test/rows';
import { openDatabase, type DatabaseOptions } from './db';
import { createStorage } from './stores';

const backends = await storageBackends();

describe.each(backends)('openDatabase on %s', (backend) => {
  const schemas: string[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const s of schemas) await dropPgSchema(s);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** Options for a durable database that can be opened twice. */
  const durable = (): DatabaseOptions => {
    if (backend === 'postgres') {
      const pgSchema = testSchemaName();
      schemas.push(pgSchema);
      return { databaseUrl: TEST_PG_URL, pgSchema };
    }
    const dir = mkdtempSync(join(tmpdir(), 'stoa-db-'));
    dirs.push(dir);
    return { sqlitePath: join(dir, 'nested', 'stoa.db') };
  };

  it('migrates once: opening the same database again keeps the data and applies nothing twice', async () => {
    const opts = durable();
    const first = await openDatabase(opts);
    const row = buildClassRow();
    await createStorage(first).classes.insert(row);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      first.db,
    );
    await first.close();

    const second = await openDatabase(opts);
    try {
      expect(await createStorage(second).classes.findById(row.tenant_id, row.id)).toEqual(row);
      const again = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        second.db,
      );
      expect(again.rows).toEqual(applied.rows);
      expect(new Set(again.rows.map((r) => r.name)).size).toBe(again.rows.length);
      await second.ping();
    } finally {
      await second.close();
    }
  });

  it('opens two databases side by side, each with its own tables', async () => {
    const a = await openDatabase(durable());
    const b = await openDatabase(durable());
    try {
      const row = buildClassRow();
      await createStorage(a).classes.insert(row);
      expect(await createStorage(b).classes.findById(row.tenant_id, row.id)).toBeUndefined();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('ping fails once the database is closed', async () => {
    const db = await openDatabase(durable());
    await db.ping();
    await db.close();
    await expect(db.ping()).rejects.toThrow();
  });

  // SQLite only: PostgreSQL has neither pragma, so the case is not registered for it at all.
  const sqliteOnly = backend === 'sqlite' ? it : () => undefined;
  sqliteOnly('keeps a SQLite file in WAL mode with foreign keys on', async () => {
    const db = await openDatabase(durable());
    try {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db.db);
      expect(fk.rows[0]?.foreign_keys).toBe(1);
    } finally {
      await db.close();
    }
  });
});
