import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Notes: an append-only log of Yjs updates per session, one compacted snapshot per session, and named
 * versions. A note loads as its snapshot plus the log rows written since (see `notes/noteStore.ts`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const bytes = postgres ? 'bytea' : 'blob';

  // Row ids come from the database: several instances append to one note's log at once.
  await db.schema
    .createTable('note_updates')
    .addColumn('id', postgres ? 'bigserial' : 'integer', (c) =>
      postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    // One row holds every update one flush wrote for the session, length-prefixed (lib0 varUint8Array).
    .addColumn('data', bytes, (c) => c.notNull())
    .addColumn('update_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('note_updates_session_idx')
    .on('note_updates')
    .columns(['session_id', 'id'])
    .execute();

  await db.schema
    .createTable('note_snapshots')
    .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id').onDelete('cascade'))
    // Bumped by every compaction; a compaction writes only over the generation it read (optimistic lock).
    .addColumn('gen', 'integer', (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    .addColumn('edited_at', 'bigint', (c) => c.notNull())
    .addColumn('compacted_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('note_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('note_versions_session_idx')
    .on('note_versions')
    .columns(['session_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('note_versions').execute();
  await db.schema.dropTable('note_snapshots').execute();
  await db.schema.dropTable('note_updates').execute();
}
