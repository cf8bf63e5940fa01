import type { Kysely } from 'kysely';

/**
 * Note snapshots in Yjs' v2 update encoding (about half the bytes of v1 for text); `encoding` says which
 * one a row holds, so snapshots written before stay readable and are rewritten in v2 at their next compaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('note_snapshots')
    .addColumn('encoding', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('note_snapshots').dropColumn('encoding').execute();
}
