import type { Kysely } from 'kysely';
import type { ConversationRef } from '../../../contract/classes';
import type { Cursor } from '../cursor';
import type { ClassesTable, DatabaseSchema } from '../schema';

export type ClassRow = ClassesTable;

/** Classes, and the classes a user belongs to (joined with their role). */
export class ClassStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(row: ClassRow): Promise<void> {
    await this.db.insertInto('classes').values(row).execute();
  }

  findById(tenantId: string, id: string): Promise<ClassRow | undefined> {
    return this.db
      .selectFrom('classes')
      .selectAll()
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
  }

  findByConversation(tenantId: string, conversationId: string): Promise<ClassRow | undefined> {
    return this.db
      .selectFrom('classes')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
  }

  findByJoinToken(token: string): Promise<ClassRow | undefined> {
    return this.db.selectFrom('classes').selectAll().where('join_token', '=', token).executeTakeFirst();
  }

  async setJoinToken(id: string, token: string): Promise<void> {
    await this.db.updateTable('classes').set({ join_token: token }).where('id', '=', id).execute();
  }

  /** The user's classes with their role, newest first, `limit + 1` rows for paging. */
  listForUser(tenantId: string, userId: string, limit: number, after: Cursor | null) {
    let q = this.db
      .selectFrom('classes')
      .innerJoin('members', (j) =>
        j.onRef('members.class_id', '=', 'classes.id').on('members.user_id', '=', userId),
      )
      .selectAll('classes')
      .select('members.role as role')
      .where('classes.tenant_id', '=', tenantId);
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('classes.created_at', '<', after.at),
          eb.and([eb('classes.created_at', '=', after.at), eb('classes.id', '<', after.id)]),
        ]),
      );
    }
    return q
      .orderBy('classes.created_at', 'desc')
      .orderBy('classes.id', 'desc')
      .limit(limit + 1)
      .execute();
  }

  async update(id: string, patch: Partial<Pick<ClassRow, 'name' | 'settings'>>): Promise<void> {
    await this.db.updateTable('classes').set(patch).where('id', '=', id).execute();
  }
}

export function conversationColumns(ref: ConversationRef | undefined | null) {
  return {
    conversation_kind: ref?.kind ?? null,
    conversation_id: ref?.conversationId ?? null,
    team_id: ref?.teamId ?? null,
    channel_id: ref?.channelId ?? null,
    meeting_id: ref?.meetingId ?? null,
  };
}
