import { sql, type Kysely } from 'kysely';
import * as Y from 'yjs';
import { applyStored, type NoteStore } from '../notes/noteStore';
import type { Dialect } from '../storage/db';
import type { DatabaseSchema } from '../storage/schema';
import { ERASED_NAME, type Replacement } from './pseudonymize';

const NOTE_TABLES = ['note_updates', 'note_snapshots', 'note_versions'] as const;

/**
 * Sessions of a tenant whose stored note bytes (log, snapshot or versions) contain one of `needles`: Yjs
 * stores strings as UTF-8, so a person's id is found without loading every note.
 */
export async function sessionsMentioning(
  db: Kysely<DatabaseSchema>,
  dialect: Dialect,
  tenantId: string,
  needles: string[],
): Promise<string[]> {
  const found = new Set<string>();
  for (const needle of needles.filter((n) => n.length >= 3)) {
    const bytes = Buffer.from(needle, 'utf8');
    for (const table of NOTE_TABLES) {
      const match =
        dialect === 'postgres' ? sql`position(${bytes} in n.data) > 0` : sql`instr(n.data, ${bytes}) > 0`;
      const { rows } = await sql<{ session_id: string }>`
        select distinct n.session_id as session_id from ${sql.table(table)} n
        join sessions s on s.id = n.session_id
        where s.tenant_id = ${tenantId} and ${match}`.execute(db);
      for (const row of rows) found.add(row.session_id);
    }
  }
  return [...found];
}

/** A note as storage holds it (every acknowledged edit is stored before it is acknowledged). */
export async function storedDoc(store: NoteStore, sessionId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  applyStored(doc, await store.load(sessionId), null);
  return doc;
}

/**
 * Rewrites a note's stored history as one snapshot of its current state and drops the log: a Y.Doc
 * garbage-collects the content of deleted and overwritten items, so what an erasure replaced is gone from
 * storage too, not only from the live text.
 */
export async function compactStored(store: NoteStore, sessionId: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await store.load(sessionId);
    if (!stored.snapshot && stored.rows.length === 0) return;
    const doc = new Y.Doc();
    const { editedAt } = applyStored(doc, stored, null);
    const gen = await store.writeSnapshot(
      sessionId,
      stored.snapshot?.gen ?? null,
      Y.encodeStateAsUpdate(doc),
      editedAt,
      stored.rows.map((r) => r.id),
    );
    if (gen !== null) return;
  }
}

/**
 * Removes the person from a session's named versions: `edit` changes a version's document (annotation
 * authors, texts) and returns how many items it changed; who saved the version is replaced too. Returns
 * the rows changed.
 */
export async function rewriteVersions(
  db: Kysely<DatabaseSchema>,
  sessionId: string,
  r: Replacement,
  edit: (doc: Y.Doc) => number,
): Promise<number> {
  const rows = await db.selectFrom('note_versions').selectAll().where('session_id', '=', sessionId).execute();
  let changed = 0;
  for (const row of rows) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, row.data);
    let edits = 0;
    doc.transact(() => {
      edits = edit(doc);
    });
    const byThem = r.ids.includes(row.created_by);
    if (edits === 0 && !byThem) continue;
    const data = edits > 0 ? Y.encodeStateAsUpdate(doc) : row.data;
    await db
      .updateTable('note_versions')
      .set({
        data,
        size_bytes: data.length,
        created_by: byThem ? r.pseudonym : row.created_by,
        created_by_name: byThem ? ERASED_NAME : row.created_by_name,
      })
      .where('id', '=', row.id)
      .execute();
    changed += 1;
  }
  return changed;
}
