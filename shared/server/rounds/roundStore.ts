import type { Kysely } from 'kysely';
import type { Dialect } from '../storage/db';
import type { ConversationRefsTable, DatabaseSchema, RoundEventsTable, RoundsTable } from '../storage/schema';

export type RoundRow = RoundsTable;
export type RoundEventRow = RoundEventsTable;

/** What changes on the `rounds` row when events are appended: phase, deadline, and maybe a snapshot. */
export interface RoundRowUpdate {
  phase: string;
  deadline_at: number | null;
  phase_seq: number;
  /** True when phase or deadline moved: the old deadline's lease no longer applies. */
  clearLease: boolean;
  snapshot?: { json: string; seq: number };
}

export interface DueDeadline {
  id: string;
  phase: string;
  deadline_at: number;
}

/** Batches larger than this are split: SQLite caps the bound variables of one statement. */
export const MAX_APPEND_ROWS = 200;

/** Rounds, their event log, the deadline lease, and the bot's card and conversation references. */
export class RoundStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    readonly dialect: Dialect,
  ) {}

  async insertRound(row: RoundRow): Promise<void> {
    await this.db.insertInto('rounds').values(row).execute();
  }

  findRound(id: string): Promise<RoundRow | undefined> {
    return this.db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A session's rounds, newest first. */
  listBySession(sessionId: string): Promise<RoundRow[]> {
    return this.db
      .selectFrom('rounds')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  /** Events after `seq`, oldest first. */
  eventsAfter(roundId: string, seq: number, limit = 1000): Promise<RoundEventRow[]> {
    return this.db
      .selectFrom('round_events')
      .selectAll()
      .where('round_id', '=', roundId)
      .where('seq', '>', seq)
      .orderBy('seq', 'asc')
      .limit(limit)
      .execute();
  }

  /** Idempotency keys of events up to `seq` (those a snapshot already holds), for duplicate detection. */
  keysUpTo(
    roundId: string,
    seq: number,
  ): Promise<Array<{ actor_id: string; idempotency_key: string | null; seq: number }>> {
    return this.db
      .selectFrom('round_events')
      .select(['actor_id', 'idempotency_key', 'seq'])
      .where('round_id', '=', roundId)
      .where('seq', '<=', seq)
      .where('idempotency_key', 'is not', null)
      .execute();
  }

  /**
   * Appends events (one statement) and, when given, moves the round row in the same transaction. A unique
   * violation means another instance appended first (same seq) or took the same idempotency key.
   */
  async append(
    roundId: string,
    rows: RoundEventRow[],
    update: RoundRowUpdate | null,
    now: number,
  ): Promise<void> {
    if (rows.length === 0) return;
    if (!update) {
      await this.db.insertInto('round_events').values(rows).execute();
      return;
    }
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('round_events').values(rows).execute();
      await trx
        .updateTable('rounds')
        .set({
          phase: update.phase,
          deadline_at: update.deadline_at,
          phase_seq: update.phase_seq,
          updated_at: now,
          ...(update.clearLease ? { lease_until: null, lease_owner: null } : {}),
          ...(update.snapshot ? { snapshot: update.snapshot.json, snapshot_seq: update.snapshot.seq } : {}),
        })
        .where('id', '=', roundId)
        .where('phase_seq', '<', update.phase_seq)
        .execute();
    });
  }

  /** Writes phase and deadline as the state at `seq` has them (after a stale timer), dropping any lease. */
  async syncRow(
    roundId: string,
    phase: string,
    deadlineAt: number | null,
    seq: number,
    now: number,
  ): Promise<void> {
    await this.db
      .updateTable('rounds')
      .set({
        phase,
        deadline_at: deadlineAt,
        phase_seq: seq,
        lease_until: null,
        lease_owner: null,
        updated_at: now,
      })
      .where('id', '=', roundId)
      .where('phase_seq', '<=', seq)
      .execute();
  }

  /** Rounds whose deadline has passed and that no instance is firing right now. */
  dueDeadlines(now: number, limit: number): Promise<DueDeadline[]> {
    return this.db
      .selectFrom('rounds')
      .select(['id', 'phase', 'deadline_at'])
      .where('deadline_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .orderBy('deadline_at', 'asc')
      .limit(limit)
      .execute() as Promise<DueDeadline[]>;
  }

  /**
   * Takes the right to fire one deadline. The update matches only while the deadline is unchanged and
   * nobody holds a live lease, so of several instances polling at once exactly one gets a row back.
   */
  async claimDeadline(
    id: string,
    deadlineAt: number,
    now: number,
    leaseMs: number,
    owner: string,
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('rounds')
      .set({ lease_until: now + leaseMs, lease_owner: owner })
      .where('id', '=', id)
      .where('deadline_at', '=', deadlineAt)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async setCard(roundId: string, conversationId: string, activityId: string): Promise<void> {
    await this.db
      .updateTable('rounds')
      .set({ card_conversation_id: conversationId, card_activity_id: activityId })
      .where('id', '=', roundId)
      .execute();
  }

  async putConversationRef(row: ConversationRefsTable): Promise<void> {
    await this.db
      .insertInto('conversation_refs')
      .values(row)
      .onConflict((oc) =>
        oc.column('class_id').doUpdateSet({
          reference: row.reference,
          updated_by: row.updated_by,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }

  findConversationRef(classId: string): Promise<ConversationRefsTable | undefined> {
    return this.db
      .selectFrom('conversation_refs')
      .selectAll()
      .where('class_id', '=', classId)
      .executeTakeFirst();
  }
}
