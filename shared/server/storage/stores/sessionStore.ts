import type { Kysely } from 'kysely';
import type { Cursor } from '../cursor';
import type { DatabaseSchema, SessionsTable } from '../schema';

export type SessionRow = SessionsTable;

/** Sessions (lectures) of classes. */
export class SessionStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(row: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  findById(tenantId: string, id: string): Promise<SessionRow | undefined> {
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
  }

  /** Newest first, `limit + 1` rows for paging. */
  list(classId: string, limit: number, after: Cursor | null): Promise<SessionRow[]> {
    let q = this.db.selectFrom('sessions').selectAll().where('class_id', '=', classId);
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('started_at', '<', after.at),
          eb.and([eb('started_at', '=', after.at), eb('id', '<', after.id)]),
        ]),
      );
    }
    return q
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
  }

  /** Ends a live session; a second call changes nothing. */
  async end(id: string, at: number): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ status: 'ended', ended_at: at })
      .where('id', '=', id)
      .where('status', '=', 'live')
      .execute();
  }
}
