import type { Kysely } from 'kysely';

/**
 * Notes locked by a facilitator: a row per locked session (none: unlocked). Kept apart from `sessions` so
 * a lock is one insert or delete, and it says nothing about who locked (no personal data to erase).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('note_locks')
    .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id').onDelete('cascade'))
    .addColumn('locked_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('note_locks').execute();
}
