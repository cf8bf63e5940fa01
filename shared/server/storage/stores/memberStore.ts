import type { Kysely } from 'kysely';
import type { Role } from '../../../contract/classes';
import type { Cursor } from '../cursor';
import type { Dialect } from '../db';
import type { DatabaseSchema, MembersTable } from '../schema';

export type MemberRow = MembersTable;

/** Who belongs to which class, with which role. */
export class MemberStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly dialect: Dialect,
  ) {}

  find(classId: string, userId: string): Promise<MemberRow | undefined> {
    return this.db
      .selectFrom('members')
      .selectAll()
      .where('class_id', '=', classId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  /** Adds the member unless present; returns whether a row was added. Safe under concurrent joins. */
  async insertIfMissing(row: MemberRow): Promise<boolean> {
    const res = await this.db
      .insertInto('members')
      .values(row)
      .onConflict((oc) => oc.columns(['class_id', 'user_id']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** A role given by a person: from now on it no longer follows Teams. */
  async setRole(classId: string, userId: string, role: Role): Promise<void> {
    await this.db
      .updateTable('members')
      .set({ role, role_source: 'granted', teams_basis: null })
      .where('class_id', '=', classId)
      .where('user_id', '=', userId)
      .execute();
  }

  /** A role that follows Teams, with the reason (see `teamsRoleChange` for when it applies). */
  async setTeamsRole(classId: string, userId: string, role: Role, basis: string): Promise<void> {
    await this.db
      .updateTable('members')
      .set({ role, role_source: 'teams', teams_basis: basis })
      .where('class_id', '=', classId)
      .where('user_id', '=', userId)
      .execute();
  }

  /** Keeps the display name fresh when a person is seen again under a new name. */
  async rename(classId: string, userId: string, name: string): Promise<void> {
    await this.db
      .updateTable('members')
      .set({ name })
      .where('class_id', '=', classId)
      .where('user_id', '=', userId)
      .where('name', '!=', name)
      .execute();
  }

  async remove(classId: string, userId: string): Promise<void> {
    await this.db
      .deleteFrom('members')
      .where('class_id', '=', classId)
      .where('user_id', '=', userId)
      .execute();
  }

  /**
   * Owners of a class. Inside a transaction on PostgreSQL the owner rows stay locked until it ends, so two
   * owners stepping down at once cannot each count the other and leave the class with none (read committed
   * would let both pass). SQLite runs one transaction at a time and has no FOR UPDATE.
   */
  async countOwners(classId: string): Promise<number> {
    let q = this.db
      .selectFrom('members')
      .select('user_id')
      .where('class_id', '=', classId)
      .where('role', '=', 'owner')
      // One lock order for everyone, so two such transactions wait for each other instead of deadlocking.
      .orderBy('user_id');
    if (this.dialect === 'postgres') q = q.forUpdate();
    return (await q.execute()).length;
  }

  /** Members in join order, `limit + 1` rows for paging. */
  list(classId: string, limit: number, after: Cursor | null): Promise<MemberRow[]> {
    let q = this.db.selectFrom('members').selectAll().where('class_id', '=', classId);
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('joined_at', '>', after.at),
          eb.and([eb('joined_at', '=', after.at), eb('user_id', '>', after.id)]),
        ]),
      );
    }
    return q
      .orderBy('joined_at', 'asc')
      .orderBy('user_id', 'asc')
      .limit(limit + 1)
      .execute();
  }
}
