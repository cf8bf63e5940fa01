import type { AuditAction, AuditEntry } from '../../contract/privacy';
import type { Cursor } from '../storage/cursor';
import { newId } from '../storage/ids';
import { rewriteJsonText, type Replacement } from './pseudonymize';
import type { AuditLogTable, PrivacyDb } from './tables';

/** What to record: who did what in which tenant, and what it touched. */
export interface AuditRecord {
  tenantId: string;
  actorId: string;
  action: AuditAction;
  classId?: string | null;
  /** The person or thing acted on. */
  subject?: string | null;
  details?: Record<string, unknown>;
  at?: number;
}

/** Who an automatic job acts as in the trail. */
export const SYSTEM_AUDIT_ACTOR = 'stoa:system';

/** The audit trail: append, read newest first, pseudonymise one person, drop what is past retention. */
export class AuditTrail {
  constructor(private readonly db: PrivacyDb) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: newId('aud'),
        tenant_id: entry.tenantId,
        at: entry.at ?? Date.now(),
        actor_id: entry.actorId,
        action: entry.action,
        class_id: entry.classId ?? null,
        subject: entry.subject ?? null,
        details: JSON.stringify(entry.details ?? {}),
      })
      .execute();
  }

  /** A tenant's entries, newest first, `limit + 1` rows for paging. */
  list(tenantId: string, limit: number, after: Cursor | null): Promise<AuditLogTable[]> {
    let q = this.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId);
    if (after) {
      q = q.where((eb) =>
        eb.or([eb('at', '<', after.at), eb.and([eb('at', '=', after.at), eb('id', '<', after.id)])]),
      );
    }
    return q
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
  }

  /** Entries one person made or that concern them, oldest first (for their export). */
  about(tenantId: string, userId: string): Promise<AuditLogTable[]> {
    return this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or([eb('actor_id', '=', userId), eb('subject', '=', userId)]))
      .orderBy('at', 'asc')
      .orderBy('id', 'asc')
      .execute();
  }

  /** Replaces a person's id and name in a tenant's entries; returns how many changed. */
  async pseudonymize(tenantId: string, r: Replacement): Promise<number> {
    // LIKE's `_` matches any character: a false hit is only parsed and left alone.
    const needles = [...r.ids, ...r.names].filter((n) => n.length > 0).map((n) => `%${n}%`);
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where((eb) =>
        eb.or([
          eb('actor_id', 'in', r.ids),
          eb('subject', 'in', r.ids),
          ...needles.map((n) => eb('details', 'like', n)),
        ]),
      )
      .execute();
    let changed = 0;
    for (const row of rows) {
      const ids = new Set(r.ids);
      const actor = ids.has(row.actor_id) ? r.pseudonym : row.actor_id;
      const subject = row.subject !== null && ids.has(row.subject) ? r.pseudonym : row.subject;
      const details = rewriteJsonText(row.details, r);
      if (actor === row.actor_id && subject === row.subject && details === null) continue;
      await this.db
        .updateTable('audit_log')
        .set({ actor_id: actor, subject, details: details ?? row.details })
        .where('id', '=', row.id)
        .execute();
      changed += 1;
    }
    return changed;
  }

  /** Deletes entries older than `before`; returns how many. */
  async deleteBefore(before: number): Promise<number> {
    const res = await this.db.deleteFrom('audit_log').where('at', '<', before).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}

/** The contract form of an entry. */
export function presentAuditEntry(row: AuditLogTable): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    action: row.action as AuditAction,
    classId: row.class_id,
    subject: row.subject,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}
