import type { Kysely } from 'kysely';

/**
 * Roles from Teams. `members.role_source` says whether a role follows Teams (`teams`, with the reason in
 * `teams_basis`) or was given by a person (`granted`); `classes.join_token` is the join link's secret;
 * `teams_installs` remembers who added the app to a team or chat (the installer owns the classes of every
 * channel, not only the one it was added in) and which connector reaches it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('members')
    .addColumn('role_source', 'text', (c) => c.notNull().defaultTo('granted'))
    .execute();
  await db.schema.alterTable('members').addColumn('teams_basis', 'text').execute();
  await db.schema.alterTable('classes').addColumn('join_token', 'text').execute();
  await db.schema.createIndex('classes_join_token_idx').on('classes').column('join_token').unique().execute();
  await db.schema
    .createTable('teams_installs')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    /** The team id for channels, the conversation id for chats and meetings. */
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('installer_id', 'text', (c) => c.notNull())
    .addColumn('installer_name', 'text', (c) => c.notNull())
    .addColumn('service_url', 'text')
    .addColumn('installed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('teams_installs_pk', ['tenant_id', 'scope_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('teams_installs').execute();
  await db.schema.dropIndex('classes_join_token_idx').execute();
  await db.schema.alterTable('classes').dropColumn('join_token').execute();
  await db.schema.alterTable('members').dropColumn('teams_basis').execute();
  await db.schema.alterTable('members').dropColumn('role_source').execute();
}
