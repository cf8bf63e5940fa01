import type { Kysely } from 'kysely';

/**
 * Authors of anonymous note annotations, kept beside the note rather than in it (the document reaches
 * every member). `comment_id` is '' for the flag or thread itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('annotation_authors')
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('annotation_id', 'text', (c) => c.notNull())
    .addColumn('comment_id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('annotation_authors_pk', ['session_id', 'annotation_id', 'comment_id'])
    .execute();
  await db.schema
    .createIndex('annotation_authors_user_idx')
    .on('annotation_authors')
    .columns(['tenant_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('annotation_authors').execute();
}
