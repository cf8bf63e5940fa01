import type { Kysely } from 'kysely';

/**
 * Per-person token revocation (an erasure ends the person's sessions on every instance): keyed by a hash
 * of tenant and user id, kept until every token issued before it has expired (see `auth/revocations.ts`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('token_revocations')
    .addColumn('subject_hash', 'text', (c) => c.primaryKey())
    .addColumn('revoked_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('token_revocations').execute();
}
