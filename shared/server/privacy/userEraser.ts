import type { ErasureResult } from '../../contract/privacy';
import { newId } from '../storage/ids';
import type { PrivacyDeps } from './deps';
import { compactStored, rewriteVersions, sessionsMentioning } from './noteData';
import { rewriteAuthors } from './noteAuthors';
import { ERASED_NAME, rewriteJsonText, type Replacement } from './pseudonymize';

export interface EraseProps {
  tenantId: string;
  userId: string;
  /** Who asked: an administrator, or the person themself (then the trail shows only the pseudonym). */
  actorId: string;
}

/** LIKE patterns for a person's id and names (`_` matching any character only adds rows that are parsed and skipped). */
const patterns = (r: Replacement) => [...r.ids, ...r.names.filter((n) => n.length >= 3)].map((n) => `%${n}%`);

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

/** Rewrites the person out of every round of the tenant that mentions them; returns the round ids. */
async function eraseFromRounds(deps: PrivacyDeps, tenantId: string, r: Replacement): Promise<string[]> {
  const likes = patterns(r);
  const fromRows = await deps.db
    .selectFrom('rounds')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('created_by', 'in', r.ids), ...likes.map((p) => eb('snapshot', 'like', p))]))
    .execute();
  const fromEvents = await deps.db
    .selectFrom('round_events')
    .innerJoin('rounds', 'rounds.id', 'round_events.round_id')
    .select('rounds.id as id')
    .distinct()
    .where('rounds.tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb('round_events.actor_id', 'in', r.ids),
        ...likes.flatMap((p) => [eb('round_events.event', 'like', p), eb('round_events.actor', 'like', p)]),
      ]),
    )
    .execute();
  const ids = [...new Set([...fromRows, ...fromEvents].map((x) => x.id))];
  for (const roundId of ids) {
    await deps.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
      if (!row) return;
      await trx
        .updateTable('rounds')
        .set({
          snapshot: rewriteJsonText(row.snapshot, r) ?? row.snapshot,
          created_by: r.ids.includes(row.created_by) ? r.pseudonym : row.created_by,
        })
        .where('id', '=', roundId)
        .execute();
      const events = await trx
        .selectFrom('round_events')
        .selectAll()
        .where('round_id', '=', roundId)
        .execute();
      for (const e of events) {
        const event = rewriteJsonText(e.event, r);
        const actor = rewriteJsonText(e.actor, r);
        const context = e.context === null ? null : rewriteJsonText(e.context, r);
        const actorId = r.ids.includes(e.actor_id) ? r.pseudonym : e.actor_id;
        if (event === null && actor === null && context === null && actorId === e.actor_id) continue;
        await trx
          .updateTable('round_events')
          .set({
            event: event ?? e.event,
            actor: actor ?? e.actor,
            context: context ?? e.context,
            actor_id: actorId,
          })
          .where('round_id', '=', roundId)
          .where('seq', '=', e.seq)
          .execute();
      }
    });
  }
  // The engine replays from storage from now on; its cached states still hold the old identity.
  await deps.forgetRounds(ids);
  return ids;
}

/** Deletes the person's private events and rewrites them out of the rest of the tenant's session events. */
async function eraseFromSessionEvents(
  deps: PrivacyDeps,
  tenantId: string,
  r: Replacement,
): Promise<{ deleted: number; rewritten: number }> {
  const inTenant = deps.db.selectFrom('sessions').select('id').where('tenant_id', '=', tenantId);
  const res = await deps.db
    .deleteFrom('session_events')
    .where('session_id', 'in', inTenant)
    .where(
      'audience',
      'in',
      r.ids.map((id) => `user:${id}`),
    )
    .executeTakeFirst();
  const rows = await deps.db
    .selectFrom('session_events')
    .select(['id', 'payload', 'audience'])
    .where('session_id', 'in', inTenant)
    .where((eb) => eb.or(patterns(r).map((p) => eb('payload', 'like', p))))
    .execute();
  let rewritten = 0;
  for (const row of rows) {
    const payload = rewriteJsonText(row.payload, r);
    if (payload === null) continue;
    await deps.db.updateTable('session_events').set({ payload }).where('id', '=', row.id).execute();
    rewritten += 1;
  }
  return { deleted: Number(res.numDeletedRows), rewritten };
}

/** Removes the person's authorship from the tenant's notes: live annotations, stored history, versions. */
async function eraseFromNotes(deps: PrivacyDeps, tenantId: string, r: Replacement): Promise<number> {
  const mentioned = await sessionsMentioning(deps.db, deps.dialect, tenantId, [...r.ids, ...r.names]);
  const saved = await deps.db
    .selectFrom('note_versions')
    .select('session_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('created_by', 'in', r.ids)
    .execute();
  const sessions = [...new Set([...mentioned, ...saved.map((s) => s.session_id)])];
  const notes = deps.noteService();
  for (const sessionId of sessions) {
    // Through the live document, so open editors get the change instead of writing the old authors back.
    if (notes) await notes.editLive(sessionId, (doc) => void rewriteAuthors(doc, r));
    await compactStored(deps.noteStore, sessionId);
    await rewriteVersions(deps.db, sessionId, r);
  }
  return sessions.length;
}

/** Replaces the person in the columns that record who created something. */
async function eraseCreators(deps: PrivacyDeps, tenantId: string, r: Replacement): Promise<number> {
  let n = 0;
  const c = await deps.db
    .updateTable('classes')
    .set({ created_by: r.pseudonym })
    .where('tenant_id', '=', tenantId)
    .where('created_by', 'in', r.ids)
    .executeTakeFirst();
  const s = await deps.db
    .updateTable('sessions')
    .set({ created_by: r.pseudonym })
    .where('tenant_id', '=', tenantId)
    .where('created_by', 'in', r.ids)
    .executeTakeFirst();
  n += Number(c.numUpdatedRows) + Number(s.numUpdatedRows);
  const refs = await deps.db
    .selectFrom('conversation_refs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([eb('updated_by', 'in', r.ids), ...patterns(r).map((p) => eb('reference', 'like', p))]),
    )
    .execute();
  for (const ref of refs) {
    await deps.db
      .updateTable('conversation_refs')
      .set({
        reference: rewriteJsonText(ref.reference, r) ?? ref.reference,
        updated_by: r.ids.includes(ref.updated_by) ? r.pseudonym : ref.updated_by,
      })
      .where('class_id', '=', ref.class_id)
      .execute();
    n += 1;
  }
  return n;
}

/**
 * Erases a person from a tenant. Their memberships and private events are deleted; rounds, session events,
 * notes, versions and the audit trail keep their content with the person replaced by a fresh random
 * pseudonym that is stored nowhere else, so class statistics stay the same and nothing links back. Running
 * it again finds nothing left and changes nothing; every run is recorded.
 */
export async function eraseUser(deps: PrivacyDeps, props: EraseProps): Promise<ErasureResult> {
  const { tenantId, userId } = props;
  const r: Replacement = {
    ids: [userId],
    pseudonym: newId('erased'),
    names: await namesOf(deps, tenantId, userId),
    name: ERASED_NAME,
  };
  const rounds = await eraseFromRounds(deps, tenantId, r);
  const events = await eraseFromSessionEvents(deps, tenantId, r);
  const notes = await eraseFromNotes(deps, tenantId, r);
  const creators = await eraseCreators(deps, tenantId, r);
  const members = await deps.db
    .deleteFrom('members')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  // Who wrote which anonymous annotation: nothing of it may outlive the person.
  const annotationAuthors = await deps.db
    .deleteFrom('annotation_authors')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const audit = await deps.audit.pseudonymize(tenantId, r);
  const counts = {
    memberships: Number(members.numDeletedRows),
    annotationAuthors: Number(annotationAuthors.numDeletedRows),
    rounds: rounds.length,
    privateEventsDeleted: events.deleted,
    eventsRewritten: events.rewritten,
    notes,
    creatorRecords: creators,
    auditEntries: audit,
  };
  const selfRequest = props.actorId === userId;
  await deps.audit.record({
    tenantId,
    actorId: selfRequest ? r.pseudonym : props.actorId,
    action: 'user_erased',
    subject: r.pseudonym,
    details: { counts, selfRequest },
  });
  return { erased: true, counts };
}
