import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * The always-on questions of a session (the backstage) and moderation: questions, votes and answers as
 * rows (what lists read), `backstage_log` as the append-only event log the rows can be replayed from,
 * and per class the moderation settings, reports, posting pauses and the audit of every moderation action.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const serial = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', postgres ? 'bigserial' : 'integer', (c) =>
        postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
      );

  await db.schema
    .createTable('backstage_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('class_id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('matched', 'text', (c) => c.notNull())
    .addColumn('pinned', 'integer', (c) => c.notNull())
    .addColumn('answered', 'integer', (c) => c.notNull())
    .addColumn('duplicate_of', 'text')
    .addColumn('answered_in_notes', 'text')
    .addColumn('assigned_to', 'text', (c) => c.notNull())
    .addColumn('up', 'integer', (c) => c.notNull())
    .addColumn('down', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('backstage_questions_session_idx')
    .on('backstage_questions')
    .columns(['session_id', 'status'])
    .execute();
  await db.schema
    .createIndex('backstage_questions_author_idx')
    .on('backstage_questions')
    .columns(['tenant_id', 'author_id'])
    .execute();

  await db.schema
    .createTable('backstage_votes')
    .addColumn('question_id', 'text', (c) =>
      c.notNull().references('backstage_questions.id').onDelete('cascade'),
    )
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('backstage_votes_pk', ['question_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('backstage_votes_user_idx')
    .on('backstage_votes')
    .columns(['tenant_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('backstage_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('question_id', 'text', (c) =>
      c.notNull().references('backstage_questions.id').onDelete('cascade'),
    )
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('class_id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('by_facilitator', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('matched', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('backstage_answers_question_idx')
    .on('backstage_answers')
    .columns(['question_id'])
    .execute();
  await db.schema
    .createIndex('backstage_answers_author_idx')
    .on('backstage_answers')
    .columns(['tenant_id', 'author_id'])
    .execute();

  await serial('backstage_log')
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('backstage_log_session_idx')
    .on('backstage_log')
    .columns(['session_id', 'id'])
    .execute();

  await serial('moderation_actions')
    .addColumn('class_id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('item_kind', 'text')
    .addColumn('item_id', 'text')
    .addColumn('subject_user_id', 'text')
    .addColumn('detail', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('moderation_actions_class_idx')
    .on('moderation_actions')
    .columns(['class_id', 'id'])
    .execute();

  await db.schema
    .createTable('moderation_reports')
    .addColumn('class_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('reporter_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addPrimaryKeyConstraint('moderation_reports_pk', ['item_kind', 'item_id', 'reporter_id'])
    .execute();
  await db.schema
    .createIndex('moderation_reports_class_idx')
    .on('moderation_reports')
    .columns(['class_id'])
    .execute();

  await db.schema
    .createTable('moderation_settings')
    .addColumn('class_id', 'text', (c) => c.primaryKey().references('classes.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('queue_all', 'integer', (c) => c.notNull())
    .addColumn('words', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('posting_pauses')
    .addColumn('class_id', 'text', (c) => c.notNull().references('classes.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('until', 'bigint', (c) => c.notNull())
    .addColumn('by_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('posting_pauses_pk', ['class_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'posting_pauses',
    'moderation_settings',
    'moderation_reports',
    'moderation_actions',
    'backstage_log',
    'backstage_answers',
    'backstage_votes',
    'backstage_questions',
  ])
    await db.schema.dropTable(t).execute();
}
