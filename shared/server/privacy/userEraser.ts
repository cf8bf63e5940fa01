import type * as Y from 'yjs';
import { BACKSTAGE_TABLES, eraseBackstage } from '../backstage/backstagePrivacy';
import type { ErasureResult } from '../../contract/privacy';
import type { PrivacyDeps } from './deps';
import { compactStored, rewriteVersions, sessionsMentioning } from './noteData';
import { rewriteAuthors } from './noteAuthors';
import { rewriteJsonText } from './pseudonymize';
import { removeQuotedTexts, scrubStoaLines } from './noteTexts';
import { PERSONAL_TABLES } from './personalTables';
import {
  eraseFromRounds,
  eraseFromSessionEvents,
  freshReplacement,
  patterns,
  planRoundErasure,
  type Person,
  type RoundErasure,
} from './roundEraser';

export interface EraseProps {
  tenantId: string;
  userId: string;
  /** Who asked: an administrator, or the person themself (then the trail shows only the pseudonym). */
  actorId: string;
}

/**
 * The tables the shared steps of an erasure rewrite or delete from; storage is made to forget their old
 * contents after it (SQLite's write-ahead log is truncated, PostgreSQL rewrites these), together with the
 * tables of `PERSONAL_TABLES`. A feature with a table of its own adds an entry there, not here.
 */
export const ERASED_TABLES = [
  'session_events',
  'note_updates',
  'note_snapshots',
  'note_versions',
  'rounds',
  'round_events',
  'classes',
  'sessions',
  'conversation_refs',
  'audit_log',
] as const;

/** Every name the service has seen the person under in the tenant. */
async function namesOf(deps: PrivacyDeps, tenantId: string, userId: string): Promise<string[]> {
  const names = new Set<string>();
  const members = await deps.db
    .selectFrom('members')
    .select('name')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .execute();
  for (const m of members) names.add(m.name);
  const actors = await deps.db
    .selectFrom('round_events')
    .innerJoin('rounds', 'rounds.id', 'round_events.round_id')
    .select('round_events.actor')
    .distinct()
    .where('rounds.tenant_id', '=', tenantId)
    .where('round_events.actor_id', '=', userId)
    .execute();
  for (const a of actors) {
    const name = (JSON.parse(a.actor) as { name?: unknown }).name;
    if (typeof name === 'string') names.add(name);
  }
  const versions = await deps.db
    .selectFrom('note_versions')
    .select('created_by_name')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('created_by', '=', userId)
    .execute();
  for (const v of versions) names.add(v.created_by_name);
  names.delete('');
  names.delete('Unknown');
  return [...names];
}

/** Per session, the texts the erasure removes from its rounds (round summaries in the notes quote them). */
function roundTextsBySession(rounds: RoundErasure): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [roundId, texts] of rounds.texts) {
    const sessionId = rounds.sessionOf.get(roundId);
    if (!sessionId || texts.size === 0) continue;
    out.set(sessionId, new Set([...(out.get(sessionId) ?? []), ...texts]));
  }
  return out;
}

/**
 * Removes the person from the tenant's notes (live annotations, stored history, versions), under a
 * pseudonym of each note only: their authorship, the texts of their comments (anonymous ones included),
 * and their round texts where a round summary quoted them.
 */
async function eraseFromNotes(
  deps: PrivacyDeps,
  tenantId: string,
  p: Person,
  rounds: RoundErasure,
): Promise<number> {
  const mentioned = await sessionsMentioning(deps.db, deps.dialect, tenantId, [
    ...p.ids,
    ...p.names,
    // Summaries in any session's note may quote their texts (a section named after their question).
    ...rounds.quoted,
  ]);
  const saved = await deps.db
    .selectFrom('note_versions')
    .select('session_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('created_by', 'in', p.ids)
    .execute();
  // Their anonymous annotations and comments: the notes name nobody for them, the service's record does.
  const anonymous = await deps.db
    .selectFrom('annotation_authors')
    .select(['session_id', 'annotation_id', 'comment_id'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', 'in', p.ids)
    .execute();
  const quoted = roundTextsBySession(rounds);
  const sessions = [
    ...new Set([
      ...mentioned,
      ...saved.map((s) => s.session_id),
      ...anonymous.map((a) => a.session_id),
      ...quoted.keys(),
    ]),
  ];
  const notes = deps.noteService();
  for (const sessionId of sessions) {
    const r = freshReplacement(p);
    const claimed = new Set(
      anonymous
        .filter((a) => a.session_id === sessionId && a.comment_id !== '')
        .map((a) => `${a.annotation_id}:${a.comment_id}`),
    );
    const texts = quoted.get(sessionId) ?? new Set<string>();
    const edit = (doc: Y.Doc) =>
      rewriteAuthors(doc, r, claimed) +
      removeQuotedTexts(doc, texts) +
      scrubStoaLines(doc, p.names, rounds.quoted);
    // Through the live document, so open editors get the change instead of writing the old authors back.
    if (notes) await notes.editLive(sessionId, (doc) => void edit(doc));
    await compactStored(deps.noteStore, sessionId);
    await rewriteVersions(deps.db, sessionId, r, edit);
  }
  return sessions.length;
}

/** Replaces the person in the columns that record who created something, with a pseudonym per row. */
async function eraseCreators(deps: PrivacyDeps, tenantId: string, p: Person): Promise<number> {
  let n = 0;
  for (const table of ['classes', 'sessions'] as const) {
    const rows = await deps.db
      .selectFrom(table)
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('created_by', 'in', p.ids)
      .execute();
    for (const row of rows) {
      await deps.db
        .updateTable(table)
        .set({ created_by: freshReplacement(p).pseudonym })
        .where('id', '=', row.id)
        .execute();
      n += 1;
    }
  }
  const refs = await deps.db
    .selectFrom('conversation_refs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([eb('updated_by', 'in', p.ids), ...patterns(p).map((l) => eb('reference', 'like', l))]),
    )
    .execute();
  for (const ref of refs) {
    const r = freshReplacement(p);
    await deps.db
      .updateTable('conversation_refs')
      .set({
        reference: rewriteJsonText(ref.reference, r) ?? ref.reference,
        updated_by: p.ids.includes(ref.updated_by) ? r.pseudonym : ref.updated_by,
      })
      .where('class_id', '=', ref.class_id)
      .execute();
    n += 1;
  }
  return n;
}

/**
 * Erases a person from a tenant. Their memberships and private events are deleted; the texts they wrote
 * in rounds and in note comments are removed (the items stay, marked removed); rounds, session events,
 * notes and versions keep the rest with the person replaced by a fresh random pseudonym per round, per note
 * and per row, stored nowhere else, so class statistics stay the same and nothing links their items to
 * each other or back to them. The audit trail names them by one pseudonym of this erasure. Running it
 * again finds nothing left and changes nothing; every run is recorded.
 */
export async function eraseUser(deps: PrivacyDeps, props: EraseProps): Promise<ErasureResult> {
  const { tenantId, userId } = props;
  // First: nothing of theirs may arrive while their data is rewritten (a late edit, a reconnect).
  await deps.endSessionsOf(tenantId, userId);
  const person: Person = { ids: [userId], names: await namesOf(deps, tenantId, userId) };
  const rounds = await planRoundErasure(deps, tenantId, person);
  const events = await eraseFromSessionEvents(deps, tenantId, person, rounds);
  const notes = await eraseFromNotes(deps, tenantId, person, rounds);
  // Rounds last: until they are rewritten, a repeated request finds them, and the texts to remove, again.
  const roundTexts = await eraseFromRounds(deps, person, rounds);
  const creators = await eraseCreators(deps, tenantId, person);
  // Tables of single features, one entry each (see personalTables.ts).
  const perTable: Record<string, number> = {};
  for (const t of PERSONAL_TABLES) {
    perTable[t.count] = (perTable[t.count] ?? 0) + (await t.erase(deps, tenantId, person));
  }
  // Always-on questions and moderation: kept in their own module (see backstage/backstagePrivacy.ts).
  const backstage = await eraseBackstage(deps.db, tenantId, userId);
  // The trail's entries about the person share one pseudonym, that of this erasure (its own entry's subject).
  const r = freshReplacement(person);
  const audit = await deps.audit.pseudonymize(tenantId, r);
  const counts = {
    ...perTable,
    rounds: rounds.roundIds.length,
    roundTextsRemoved: roundTexts,
    privateEventsDeleted: events.deleted,
    eventsRewritten: events.rewritten,
    notes,
    creatorRecords: creators,
    auditEntries: audit,
    ...backstage,
  };
  const selfRequest = props.actorId === userId;
  await deps.audit.record({
    tenantId,
    actorId: selfRequest ? r.pseudonym : props.actorId,
    action: 'user_erased',
    subject: r.pseudonym,
    details: { counts, selfRequest },
  });
  // Last: the old values of every row rewritten or deleted above leave the database files too.
  await deps.forgetStorage([...ERASED_TABLES, ...PERSONAL_TABLES.map((t) => t.table), ...BACKSTAGE_TABLES]);
  return { erased: true, counts };
}
