import type { Kysely } from 'kysely';
import type { ModerationSettings } from '../../contract/backstage/schemas';
import type { DatabaseSchema } from '../storage/schema';

type Db = Kysely<DatabaseSchema>;

/** A class's moderation settings; off (no queue, no own words) until a facilitator sets them. */
export async function loadModerationSettings(db: Db, classId: string): Promise<ModerationSettings> {
  const row = await db
    .selectFrom('moderation_settings')
    .selectAll()
    .where('class_id', '=', classId)
    .executeTakeFirst();
  if (!row) return { queueAll: false, words: [] };
  let words: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.words);
    if (Array.isArray(parsed)) words = parsed.filter((w): w is string => typeof w === 'string');
  } catch {
    words = [];
  }
  return { queueAll: row.queue_all === 1, words };
}

export async function saveModerationSettings(
  db: Db,
  cls: { id: string; tenant_id: string },
  settings: ModerationSettings,
  now: number,
): Promise<void> {
  const values = {
    queue_all: settings.queueAll ? 1 : 0,
    words: JSON.stringify(settings.words),
    updated_at: now,
  };
  await db
    .insertInto('moderation_settings')
    .values({ class_id: cls.id, tenant_id: cls.tenant_id, ...values })
    .onConflict((oc) => oc.column('class_id').doUpdateSet(values))
    .execute();
}

/** Until when a student's posting in a class is paused, or null. */
export async function pausedUntil(
  db: Db,
  classId: string,
  userId: string,
  now: number,
): Promise<number | null> {
  const row = await db
    .selectFrom('posting_pauses')
    .select('until')
    .where('class_id', '=', classId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row && row.until > now ? row.until : null;
}

/** One entry of the moderation audit trail. */
export interface ModerationAudit {
  classId: string;
  tenantId: string;
  sessionId: string | null;
  actorId: string;
  action: string;
  itemKind?: string | null;
  itemId?: string | null;
  subjectUserId?: string | null;
  detail?: string | null;
  at: number;
}

/** Records a moderation action; written in the same transaction as the action where there is one. */
export async function auditModeration(db: Db, a: ModerationAudit): Promise<void> {
  await db
    .insertInto('moderation_actions')
    .values({
      class_id: a.classId,
      tenant_id: a.tenantId,
      session_id: a.sessionId,
      actor_id: a.actorId,
      action: a.action,
      item_kind: a.itemKind ?? null,
      item_id: a.itemId ?? null,
      subject_user_id: a.subjectUserId ?? null,
      detail: a.detail ?? null,
      at: a.at,
    })
    .execute();
}
