import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { BackstageExport } from '../../contract/backstage/schemas';
import type { ModerationStatus } from '../../contract/moderation/status';
import { REMOVED_TEXT } from '../../contract/removedText';
import type { DatabaseSchema } from '../storage/schema';

type Db = Kysely<DatabaseSchema>;
const iso = (ms: number) => new Date(ms).toISOString();

/** Tables erasure rewrites or deletes from, so storage forgets their old values too. */
export const BACKSTAGE_TABLES = [
  'backstage_questions',
  'backstage_answers',
  'backstage_votes',
  'backstage_log',
  'moderation_actions',
  'moderation_reports',
  'posting_pauses',
  'session_events',
] as const;

/** The backstage part of one person's export, or undefined when nothing of it concerns them. */
export async function exportBackstage(
  db: Db,
  tenantId: string,
  userId: string,
): Promise<BackstageExport | undefined> {
  const [questions, answers, votes, reports, moderation] = await Promise.all([
    db
      .selectFrom('backstage_questions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('author_id', '=', userId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('backstage_answers')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('author_id', '=', userId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('backstage_votes')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .execute(),
    db
      .selectFrom('moderation_reports')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('reporter_id', '=', userId)
      .execute(),
    db
      .selectFrom('moderation_actions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or([eb('actor_id', '=', userId), eb('subject_user_id', '=', userId)]))
      .orderBy('id')
      .execute(),
  ]);
  if (questions.length + answers.length + votes.length + reports.length + moderation.length === 0)
    return undefined;
  return {
    questions: questions.map((q) => ({
      sessionId: q.session_id,
      questionId: q.id,
      text: q.status === 'hidden' ? null : q.text,
      anonymous: q.anonymous === 1,
      status: q.status as ModerationStatus,
      createdAt: iso(q.created_at),
    })),
    answers: answers.map((a) => ({
      sessionId: a.session_id,
      questionId: a.question_id,
      answerId: a.id,
      text: a.status === 'hidden' ? null : a.text,
      anonymous: a.anonymous === 1,
      status: a.status as ModerationStatus,
      createdAt: iso(a.created_at),
    })),
    votes: votes.map((v) => ({ sessionId: v.session_id, questionId: v.question_id, value: v.value })),
    reports: reports.map((r) => ({
      sessionId: r.session_id,
      itemKind: r.item_kind,
      itemId: r.item_id,
      reason: r.reason,
    })),
    // Who else took part (the facilitator who hid a post, the reporter) is left out.
    moderation: moderation.map((m) => ({
      classId: m.class_id,
      action: m.action,
      as: m.actor_id === userId ? ('actor' as const) : ('subject' as const),
      at: iso(m.at),
    })),
  };
}

const pseudonym = () => `erased:${randomBytes(9).toString('base64url')}`;

/**
 * Erases one person from the backstage: their questions and answers keep their place (counts and other
 * people's votes stay right) but lose their text and author; their votes stay counted under a pseudonym
 * per row; their reports and pauses go; the moderation trail names them by one pseudonym; stored events
 * and the replay log that held their posts or id are deleted. Returns counts by kind.
 */
export async function eraseBackstage(
  db: Db,
  tenantId: string,
  userId: string,
): Promise<Record<string, number>> {
  const alias = pseudonym();
  const [questions, answers] = await Promise.all([
    db
      .selectFrom('backstage_questions')
      .select(['id', 'session_id'])
      .where('tenant_id', '=', tenantId)
      .where('author_id', '=', userId)
      .execute(),
    db
      .selectFrom('backstage_answers')
      .select(['id', 'session_id'])
      .where('tenant_id', '=', tenantId)
      .where('author_id', '=', userId)
      .execute(),
  ]);
  const sessions = new Set([...questions, ...answers].map((r) => r.session_id));
  const votes = await db
    .selectFrom('backstage_votes')
    .select(['question_id', 'session_id'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .execute();
  for (const v of votes) sessions.add(v.session_id);
  let events = 0;
  for (const sessionId of sessions) {
    for (const needle of [...questions, ...answers]
      .filter((r) => r.session_id === sessionId)
      .map((r) => r.id)) {
      const res = await db
        .deleteFrom('session_events')
        .where('session_id', '=', sessionId)
        .where(sql<boolean>`payload like ${`%"${needle}"%`}`)
        .executeTakeFirst();
      events += Number(res.numDeletedRows);
    }
    // The replay log holds ids and texts: the person's entries go (the rows above stay authoritative).
    await db
      .deleteFrom('backstage_log')
      .where('session_id', '=', sessionId)
      .where(sql<boolean>`event like ${`%"${userId}"%`}`)
      .execute();
  }
  const q = await db
    .updateTable('backstage_questions')
    .set({ text: REMOVED_TEXT, author_id: alias, author_name: '', matched: '[]' })
    .where('tenant_id', '=', tenantId)
    .where('author_id', '=', userId)
    .executeTakeFirst();
  const a = await db
    .updateTable('backstage_answers')
    .set({ text: REMOVED_TEXT, author_id: alias, author_name: '', matched: '[]' })
    .where('tenant_id', '=', tenantId)
    .where('author_id', '=', userId)
    .executeTakeFirst();
  for (const v of votes)
    await db
      .updateTable('backstage_votes')
      .set({ user_id: pseudonym() })
      .where('question_id', '=', v.question_id)
      .where('user_id', '=', userId)
      .execute();
  const reports = await db
    .deleteFrom('moderation_reports')
    .where('tenant_id', '=', tenantId)
    .where('reporter_id', '=', userId)
    .executeTakeFirst();
  const pauses = await db
    .deleteFrom('posting_pauses')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const actor = await db
    .updateTable('moderation_actions')
    .set({ actor_id: alias })
    .where('tenant_id', '=', tenantId)
    .where('actor_id', '=', userId)
    .executeTakeFirst();
  const subject = await db
    .updateTable('moderation_actions')
    .set({ subject_user_id: alias })
    .where('tenant_id', '=', tenantId)
    .where('subject_user_id', '=', userId)
    .executeTakeFirst();
  return {
    backstageQuestions: Number(q.numUpdatedRows),
    backstageAnswers: Number(a.numUpdatedRows),
    backstageVotes: votes.length,
    backstageEventsDeleted: events,
    moderationReports: Number(reports.numDeletedRows),
    postingPauses: Number(pauses.numDeletedRows),
    moderationActions: Number(actor.numUpdatedRows) + Number(subject.numUpdatedRows),
  };
}
