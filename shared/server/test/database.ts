import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../storage/db';
import { createStorage, type Storage } from '../storage/stores';
import { TEST_PG_URL, dropPgSchema } from './backends';

export interface TestDatabase {
  database: Database;
  storage: Storage;
  /** Closes the database and drops its PostgreSQL schema. */
  close(): Promise<void>;
}

/** A fresh PostgreSQL schema name, so parallel suites never share tables. */
export function testSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/** Opens (and migrates) an empty database: in-memory SQLite, or a fresh PostgreSQL schema. */
export async function openTestDatabase(backend: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  const pgSchema = backend === 'postgres' ? testSchemaName() : undefined;
  const database = await openDatabase(
    pgSchema ? { databaseUrl: TEST_PG_URL, pgSchema } : { sqlitePath: ':memory:' },
  );
  return {
    database,
    storage: createStorage(database),
    async close() {
      await database.close();
      if (pgSchema) await dropPgSchema(pgSchema);
    },
  };
}
