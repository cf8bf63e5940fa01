import { sql } from 'kysely';
import type { RetentionOverview, RetentionPolicy } from '../../contract/privacy';
import type { ClassId } from '../../contract/ids';
import type { PrivacyDeps } from './deps';
import { SYSTEM_AUDIT_ACTOR } from './auditTrail';
import { privacyDb } from './tables';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

export type RetentionCandidate = RetentionOverview['dryRun'][number] & { tenantId: string };

/** A tenant's retention rules; `classId` null is the tenant default. */
export async function listPolicies(deps: PrivacyDeps, tenantId: string): Promise<RetentionPolicy[]> {
  const rows = await deps.pdb
    .selectFrom('retention_policies')
    .select(['class_id', 'days'])
    .where('tenant_id', '=', tenantId)
    .orderBy('class_id')
    .execute();
  return rows.map((r) => ({ classId: r.class_id === '' ? null : (r.class_id as ClassId), days: r.days }));
}

/** Sets (or with `days` null removes) a tenant's or a class's rule. */
export async function setPolicy(
  deps: PrivacyDeps,
  tenantId: string,
  classId: string | null,
  days: number | null,
  by: string,
): Promise<void> {
  const key = classId ?? '';
  if (days === null) {
    await deps.pdb
      .deleteFrom('retention_policies')
      .where('tenant_id', '=', tenantId)
      .where('class_id', '=', key)
      .execute();
    return;
  }
  const now = Date.now();
  await deps.pdb
    .insertInto('retention_policies')
    .values({ tenant_id: tenantId, class_id: key, days, updated_by: by, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'class_id']).doUpdateSet({ days, updated_by: by, updated_at: now }),
    )
    .execute();
}

/**
 * The latest moment anything happened in a class: its creation, a member joining, its sessions starting
 * or ending, an edit of their notes (log rows and the snapshot's last edit), a saved note version, a
 * session event, a round starting or receiving an event. A session left open for months does not make
 * the class look idle from its start while people still work in it.
 */
export async function lastActivity(deps: PrivacyDeps, classId: string): Promise<number> {
  const { db } = deps;
  const sessions = db.selectFrom('sessions').select('id').where('class_id', '=', classId);
  const rounds = db.selectFrom('rounds').select('id').where('class_id', '=', classId);
  const max = async (q: { executeTakeFirst(): Promise<{ m: unknown } | undefined> }) =>
    Number((await q.executeTakeFirst())?.m ?? 0);
  const times = await Promise.all([
    max(db.selectFrom('classes').select('created_at as m').where('id', '=', classId)),
    max(
      db
        .selectFrom('members')
        .select((eb) => eb.fn.max('joined_at').as('m'))
        .where('class_id', '=', classId),
    ),
    max(
      db
        .selectFrom('sessions')
        .select((eb) => eb.fn.max(sql<number>`coalesce(ended_at, started_at)`).as('m'))
        .where('class_id', '=', classId),
    ),
    max(
      db
        .selectFrom('note_updates')
        .select((eb) => eb.fn.max('created_at').as('m'))
        .where('session_id', 'in', sessions),
    ),
    max(
      db
        .selectFrom('note_snapshots')
        .select((eb) => eb.fn.max('edited_at').as('m'))
        .where('session_id', 'in', sessions),
    ),
    max(
      db
        .selectFrom('note_versions')
        .select((eb) => eb.fn.max('created_at').as('m'))
        .where('session_id', 'in', sessions),
    ),
    max(
      db
        .selectFrom('session_events')
        .select((eb) => eb.fn.max('created_at').as('m'))
        .where('session_id', 'in', sessions),
    ),
    max(
      db
        .selectFrom('rounds')
        .select((eb) => eb.fn.max('updated_at').as('m'))
        .where('class_id', '=', classId),
    ),
    max(
      db
        .selectFrom('round_events')
        .select((eb) => eb.fn.max('at').as('m'))
        .where('round_id', 'in', rounds),
    ),
  ]);
  return Math.max(...times);
}

/**
 * Classes whose retention has run out at `now`: the class rule, else the tenant rule, else the deployment
 * default, counted from the class's last activity (see `lastActivity`). One tenant, or all.
 */
export async function planRetention(
  deps: PrivacyDeps,
  now: number,
  tenantId?: string,
): Promise<RetentionCandidate[]> {
  let pq = deps.pdb.selectFrom('retention_policies').select(['tenant_id', 'class_id', 'days']);
  if (tenantId) pq = pq.where('tenant_id', '=', tenantId);
  const rules = new Map((await pq.execute()).map((p) => [`${p.tenant_id}/${p.class_id}`, p.days]));
  const fallback = deps.env.RETENTION_DEFAULT_DAYS > 0 ? deps.env.RETENTION_DEFAULT_DAYS : null;
  // Nothing to apply anywhere: skip the scan of every class.
  if (rules.size === 0 && fallback === null) return [];
  let q = deps.db
    .selectFrom('classes')
    .leftJoin('sessions', 'sessions.class_id', 'classes.id')
    .select((eb) => [
      'classes.id as id',
      'classes.tenant_id as tenant_id',
      'classes.name as name',
      'classes.created_at as created_at',
      eb.fn.max(sql<number>`coalesce(sessions.ended_at, sessions.started_at)`).as('last'),
      eb.fn.count<number>('sessions.id').as('sessions'),
    ])
    .groupBy(['classes.id', 'classes.tenant_id', 'classes.name', 'classes.created_at']);
  if (tenantId) q = q.where('classes.tenant_id', '=', tenantId);
  const classes = await q.execute();
  const out: RetentionCandidate[] = [];
  for (const c of classes) {
    const days = rules.get(`${c.tenant_id}/${c.id}`) ?? rules.get(`${c.tenant_id}/`) ?? fallback;
    if (days === null) continue;
    // Sessions and creation first (one query for all classes); every later activity only moves the
    // expiry further out, so the finer look is needed only for classes this already finds expired.
    const coarse = Math.max(Number(c.created_at), c.last === null ? 0 : Number(c.last));
    if (coarse + days * DAY_MS > now) continue;
    const last = await lastActivity(deps, c.id);
    const expiredAt = last + days * DAY_MS;
    if (expiredAt > now) continue;
    out.push({
      tenantId: c.tenant_id,
      classId: c.id,
      className: c.name,
      lastActivityAt: iso(last),
      expiredAt: iso(expiredAt),
      days,
      sessions: Number(c.sessions),
      rounds: 0,
      members: 0,
    });
  }
  for (const c of out) {
    const rounds = await deps.db
      .selectFrom('rounds')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('class_id', '=', c.classId)
      .executeTakeFirstOrThrow();
    const members = await deps.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('class_id', '=', c.classId)
      .executeTakeFirstOrThrow();
    c.rounds = Number(rounds.n);
    c.members = Number(members.n);
  }
  return out;
}

export interface RetentionRun {
  deletedClasses: RetentionCandidate[];
  auditEntriesDeleted: number;
}

/**
 * Deletes every expired class with everything under it (members, sessions, notes and their versions,
 * rounds and their events, session events, the bot's conversation reference: the foreign keys cascade in
 * both backends), its retention rule, and audit entries past AUDIT_RETENTION_DAYS; closes the deleted
 * sessions' open notes and event streams on every instance; records one entry per tenant touched.
 */
export async function runRetention(deps: PrivacyDeps, now: number): Promise<RetentionRun> {
  const expired = await planRetention(deps, now);
  for (const c of expired) {
    const rounds = await deps.db
      .selectFrom('rounds')
      .select('id')
      .where('class_id', '=', c.classId)
      .execute();
    const sessions = await deps.db
      .selectFrom('sessions')
      .select('id')
      .where('class_id', '=', c.classId)
      .execute();
    await deps.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('classes').where('id', '=', c.classId).execute();
      await privacyDb(trx)
        .deleteFrom('retention_policies')
        .where('tenant_id', '=', c.tenantId)
        .where('class_id', '=', c.classId)
        .execute();
    });
    await deps.forgetRounds(rounds.map((r) => r.id));
    await deps.forgetSessions(sessions.map((s) => s.id));
  }
  const auditEntriesDeleted = await deps.audit.deleteBefore(now - deps.env.AUDIT_RETENTION_DAYS * DAY_MS);
  const tenants = new Map<string, RetentionCandidate[]>();
  for (const c of expired) tenants.set(c.tenantId, [...(tenants.get(c.tenantId) ?? []), c]);
  for (const [tenantId, classes] of tenants) {
    await deps.audit.record({
      tenantId,
      actorId: SYSTEM_AUDIT_ACTOR,
      action: 'retention_run',
      details: {
        classes: classes.map((c) => ({ classId: c.classId, sessions: c.sessions, rounds: c.rounds })),
      },
      at: now,
    });
  }
  return { deletedClasses: expired, auditEntriesDeleted };
}
