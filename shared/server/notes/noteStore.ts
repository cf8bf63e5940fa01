import { sql, type Kysely } from 'kysely';
import * as Y from 'yjs';
import type { Cursor } from '../storage/cursor';
import type { DatabaseSchema, NoteVersionsTable } from '../storage/schema';
import { decodeUpdates } from './frames';

export interface LogRow {
  session_id: string;
  data: Uint8Array;
  update_count: number;
  created_at: number;
}

/** Bytes of a stored update with their Yjs encoding (1 or 2). */
export interface EncodedUpdate {
  data: Uint8Array;
  encoding: number;
}

export interface StoredNote {
  snapshot: ({ gen: number; editedAt: number } & EncodedUpdate) | null;
  rows: Array<{ id: number; data: Uint8Array; at: number }>;
}

/** Applies a stored note to a document in one transaction; returns the bytes read and the last edit time. */
export function applyStored(
  doc: Y.Doc,
  stored: StoredNote,
  origin: unknown,
): { bytes: number; editedAt: number } {
  let bytes = 0;
  let editedAt = stored.snapshot?.editedAt ?? 0;
  doc.transact(() => {
    if (stored.snapshot) {
      applyEncoded(doc, stored.snapshot);
      bytes += stored.snapshot.data.length;
    }
    for (const row of stored.rows) {
      bytes += row.data.length;
      editedAt = Math.max(editedAt, row.at);
      for (const update of decodeUpdates(row.data)) Y.applyUpdate(doc, update);
    }
  }, origin);
  return { bytes, editedAt };
}

export type VersionRow = NoteVersionsTable;
export type VersionInfo = Omit<VersionRow, 'data'>;

/** Rows per INSERT/DELETE statement: stays far below SQLite's bound-variable limit. */
const CHUNK = 400;

const VERSION_INFO = [
  'id',
  'session_id',
  'tenant_id',
  'name',
  'kind',
  'created_by',
  'created_by_name',
  'created_at',
  'size_bytes',
] as const;

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/** True when a write failed because its session no longer exists (deleted with its class). */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Snapshots are written in Yjs' v2 update encoding: about half the bytes of v1 for text. */
const SNAPSHOT_V2 = 2;

/**
 * Applies a stored update in its own encoding. Converting a v2 snapshot to v1 first would cost several
 * times the apply itself (most of a cold note load).
 */
export function applyEncoded(doc: Y.Doc, update: EncodedUpdate, origin?: unknown): void {
  if (update.encoding === SNAPSHOT_V2) Y.applyUpdateV2(doc, update.data, origin);
  else Y.applyUpdate(doc, update.data, origin);
}

export class NoteStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Appends log rows (one statement per chunk, one transaction); returns their ids. */
  async appendRows(rows: LogRow[]): Promise<Array<{ id: number; session_id: string }>> {
    const insert = (db: Kysely<DatabaseSchema>, part: LogRow[]) =>
      db.insertInto('note_updates').values(part).returning(['id', 'session_id']).execute();
    if (rows.length <= CHUNK) return insert(this.db, rows);
    return this.db.transaction().execute(async (trx) => {
      const out: Array<{ id: number; session_id: string }> = [];
      for (const part of chunks(rows)) out.push(...(await insert(trx, part)));
      return out;
    });
  }

  /**
   * The snapshot and the log rows after it, read in one statement so both come from the same database
   * snapshot: a compaction committing in between can never hide rows that are not yet in the snapshot.
   */
  async load(sessionId: string): Promise<StoredNote> {
    const { rows } = await sql<{ kind: number; id: number; data: Uint8Array; at: number; enc: number }>`
      select 0 as kind, gen as id, data, edited_at as at, encoding as enc from note_snapshots
        where session_id = ${sessionId}
      union all
      select 1 as kind, id, data, created_at as at, 1 as enc from note_updates where session_id = ${sessionId}
      order by kind, id`.execute(this.db);
    const out: StoredNote = { snapshot: null, rows: [] };
    for (const r of rows) {
      const id = Number(r.id);
      const at = Number(r.at);
      if (Number(r.kind) === 0)
        out.snapshot = { gen: id, data: r.data, encoding: Number(r.enc), editedAt: at };
      else out.rows.push({ id, data: r.data, at });
    }
    return out;
  }

  /** The snapshot, unless its generation is `knownGen` (then only the generation). */
  async snapshotSince(
    sessionId: string,
    knownGen: number | null,
  ): Promise<{ gen: number; data: Uint8Array | null; encoding: number; editedAt: number } | null> {
    const head = await this.db
      .selectFrom('note_snapshots')
      .select(['gen', 'edited_at'])
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    if (!head) return null;
    if (head.gen === knownGen) return { gen: head.gen, data: null, encoding: 1, editedAt: head.edited_at };
    const full = await this.db
      .selectFrom('note_snapshots')
      .select(['gen', 'data', 'edited_at', 'encoding'])
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return full
      ? { gen: full.gen, data: full.data, encoding: full.encoding, editedAt: full.edited_at }
      : null;
  }

  /**
   * Replaces the snapshot (only over generation `expectedGen`, null: none yet) and deletes the log rows it
   * covers, atomically. Returns the new generation, or null when another instance compacted first.
   */
  async writeSnapshot(
    sessionId: string,
    expectedGen: number | null,
    data: Uint8Array,
    editedAt: number,
    rowIds: number[],
  ): Promise<number | null> {
    const now = Date.now();
    const v2 = Y.convertUpdateFormatV1ToV2(data);
    return this.db.transaction().execute(async (trx) => {
      let gen: number;
      if (expectedGen === null) {
        const res = await trx
          .insertInto('note_snapshots')
          .values({
            session_id: sessionId,
            gen: 1,
            data: v2,
            encoding: SNAPSHOT_V2,
            edited_at: editedAt,
            compacted_at: now,
          })
          .onConflict((oc) => oc.column('session_id').doNothing())
          .executeTakeFirst();
        if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) return null;
        gen = 1;
      } else {
        const res = await trx
          .updateTable('note_snapshots')
          .set({
            gen: expectedGen + 1,
            data: v2,
            encoding: SNAPSHOT_V2,
            edited_at: editedAt,
            compacted_at: now,
          })
          .where('session_id', '=', sessionId)
          .where('gen', '=', expectedGen)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return null;
        gen = expectedGen + 1;
      }
      for (const part of chunks(rowIds)) {
        await trx
          .deleteFrom('note_updates')
          .where('session_id', '=', sessionId)
          .where('id', 'in', part)
          .execute();
      }
      return gen;
    });
  }

  /** Bytes kept for a note (snapshot plus log) and the time of its last stored edit. */
  async stats(sessionId: string): Promise<{ storedBytes: number; editedAt: number }> {
    const { rows } = await sql<{ bytes: number | null; at: number | null }>`
      select coalesce(sum(b), 0) as bytes, max(at) as at from (
        select length(data) as b, edited_at as at from note_snapshots where session_id = ${sessionId}
        union all
        select length(data) as b, created_at as at from note_updates where session_id = ${sessionId}
      ) parts`.execute(this.db);
    return { storedBytes: Number(rows[0]?.bytes ?? 0), editedAt: Number(rows[0]?.at ?? 0) };
  }

  /** The session a note belongs to, by id alone (server-side callers have no principal). */
  findSession(sessionId: string) {
    return this.db
      .selectFrom('sessions')
      .select(['id', 'tenant_id', 'class_id', 'status'])
      .where('id', '=', sessionId)
      .executeTakeFirst();
  }

  /** Whether the session has ended, its class's settings JSON, and whether its notes are locked. */
  async sessionAccess(
    sessionId: string,
  ): Promise<{ status: string; settings: string; locked: boolean } | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('classes', 'classes.id', 'sessions.class_id')
      .leftJoin('note_locks', 'note_locks.session_id', 'sessions.id')
      .select([
        'sessions.status as status',
        'classes.settings as settings',
        'note_locks.locked_at as lockedAt',
      ])
      .where('sessions.id', '=', sessionId)
      .executeTakeFirst();
    return row && { status: row.status, settings: row.settings, locked: row.lockedAt !== null };
  }

  async isLocked(sessionId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('note_locks')
      .select('session_id')
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Locks or unlocks a session's notes; idempotent. */
  async setLocked(sessionId: string, locked: boolean, at: number): Promise<void> {
    if (!locked) {
      await this.db.deleteFrom('note_locks').where('session_id', '=', sessionId).execute();
      return;
    }
    await this.db
      .insertInto('note_locks')
      .values({ session_id: sessionId, locked_at: at })
      .onConflict((oc) => oc.column('session_id').doNothing())
      .execute();
  }

  /** Deletes the oldest versions of `kind` beyond the newest `keep`. */
  async pruneVersions(sessionId: string, kind: string, keep: number): Promise<number> {
    const old = await this.db
      .selectFrom('note_versions')
      .select('id')
      .where('session_id', '=', sessionId)
      .where('kind', '=', kind)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset(keep)
      .limit(1000)
      .execute();
    if (old.length === 0) return 0;
    await this.db
      .deleteFrom('note_versions')
      .where(
        'id',
        'in',
        old.map((r) => r.id),
      )
      .execute();
    return old.length;
  }

  /** When the newest version of `kind` was made (epoch ms), or null. */
  async latestVersionAt(sessionId: string, kind: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('note_versions')
      .select((eb) => eb.fn.max('created_at').as('at'))
      .where('session_id', '=', sessionId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return row?.at == null ? null : Number(row.at);
  }

  async insertVersion(row: VersionRow): Promise<void> {
    await this.db.insertInto('note_versions').values(row).execute();
  }

  /** Newest first, `limit + 1` rows for paging. */
  listVersions(sessionId: string, limit: number, after: Cursor | null): Promise<VersionInfo[]> {
    let q = this.db.selectFrom('note_versions').select(VERSION_INFO).where('session_id', '=', sessionId);
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('created_at', '<', after.at),
          eb.and([eb('created_at', '=', after.at), eb('id', '<', after.id)]),
        ]),
      );
    }
    return q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
  }

  findVersion(sessionId: string, id: string): Promise<VersionRow | undefined> {
    return this.db
      .selectFrom('note_versions')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async countVersions(sessionId: string): Promise<number> {
    const row = await this.db
      .selectFrom('note_versions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
