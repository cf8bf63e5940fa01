import type { Kysely } from 'kysely';

/**
 * Rounds, event-sourced: `round_events` is the log (one row per accepted event, `seq` 1, 2, ... per round),
 * `rounds` holds what is read without replaying: phase and deadline (the scheduler's query), a snapshot
 * of the state every few events, the deadline lease and where the bot posted the round's card.
 * `conversation_refs` keeps the bot's Bot Framework conversation references, so the bot holds no state.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('class_id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('deadline_at', 'bigint')
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('snapshot_seq', 'integer', (c) => c.notNull())
    // Seq of the event whose phase and deadline this row shows; an update never goes backwards.
    .addColumn('phase_seq', 'integer', (c) => c.notNull())
    .addColumn('lease_until', 'bigint')
    .addColumn('lease_owner', 'text')
    .addColumn('card_conversation_id', 'text')
    .addColumn('card_activity_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rounds_session_idx')
    .on('rounds')
    .columns(['session_id', 'created_at'])
    .execute();
  await db.schema.createIndex('rounds_deadline_idx').on('rounds').column('deadline_at').execute();

  await db.schema
    .createTable('round_events')
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('context', 'text')
    // Two instances appending the same seq: the second fails here, reloads and tries again.
    .addPrimaryKeyConstraint('round_events_pk', ['round_id', 'seq'])
    .execute();
  // A retried request cannot be recorded twice, even when two instances take the retry at once.
  await db.schema
    .createIndex('round_events_key_idx')
    .on('round_events')
    .columns(['round_id', 'actor_id', 'idempotency_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('conversation_refs')
    .addColumn('class_id', 'text', (c) => c.primaryKey().references('classes.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('conversation_refs').execute();
  await db.schema.dropTable('round_events').execute();
  await db.schema.dropTable('rounds').execute();
}
