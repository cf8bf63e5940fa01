import type { ModerationItem, ModerationQueue, ModeratedKind } from '../../contract/backstage/schemas';
import { moderate, type ModerationAction, type ModerationStatus } from '../../contract/moderation/status';
import { NotFoundError } from '../errors';
import type { SessionRow } from '../storage/stores/sessionStore';
import type { BackstageStore } from './backstageStore';
import { presentModerationItem } from './backstagePresenter';
import { auditModeration } from './classModeration';

export interface ModerationDeps {
  store: BackstageStore;
  changed(sessionId: string, questionId: string): void;
  queueChanged(classId: string, sessionId: string): void;
  /** Rewrites stored events that hold a hidden item's text. */
  scrub(sessionId: string, itemId: string, questionId: string): Promise<void>;
}

/**
 * Approves, hides or restores a post, and audits it in the same transaction. A hidden post leaves every
 * student view at once (`backstage_removed` or the question without the answer) and the stored events
 * that held its text are rewritten; its row stays, so restoring brings it back and the trail keeps it.
 */
export async function moderatePost(
  deps: ModerationDeps,
  session: SessionRow,
  actorId: string,
  req: { kind: ModeratedKind; itemId: string; action: ModerationAction; reason?: string | undefined },
  now: number,
): Promise<{ status: ModerationStatus; changed: boolean }> {
  const { store } = deps;
  const result = await store.transaction(async (trx) => {
    const row =
      req.kind === 'backstage_question'
        ? await store.lockQuestion(trx, session.id, req.itemId)
        : await store.findAnswer(session.id, req.itemId, trx);
    if (!row) throw new NotFoundError('post');
    const questionId = 'question_id' in row ? row.question_id : row.id;
    const next = moderate(row.status as ModerationStatus, req.action);
    if (next.changed) {
      if (req.kind === 'backstage_question') await store.updateQuestion(trx, row.id, { status: next.status });
      else await store.setAnswerStatus(trx, row.id, next.status);
      await store.log(trx, session.id, {
        type: 'moderate',
        item: req.kind === 'backstage_question' ? 'question' : 'answer',
        id: row.id,
        action: req.action,
        at: now,
      });
      // A decision settles the reports on the post.
      await trx
        .updateTable('moderation_reports')
        .set({ resolved_at: now })
        .where('item_kind', '=', req.kind)
        .where('item_id', '=', row.id)
        .where('resolved_at', 'is', null)
        .execute();
    }
    await auditModeration(trx, {
      classId: session.class_id,
      tenantId: session.tenant_id,
      sessionId: session.id,
      actorId,
      action: req.action,
      itemKind: req.kind,
      itemId: row.id,
      subjectUserId: row.author_id,
      detail: req.reason ?? null,
      at: now,
    });
    return { ...next, questionId };
  });
  if (result.changed && result.status === 'hidden')
    await deps.scrub(session.id, req.itemId, result.questionId);
  deps.changed(session.id, result.questionId);
  deps.queueChanged(session.class_id, session.id);
  return { status: result.status, changed: result.changed };
}

/** A student reports a post; once per person and post. Reports of hidden or unknown posts are not found. */
export async function reportPost(
  deps: ModerationDeps,
  session: SessionRow,
  reporterId: string,
  req: { kind: ModeratedKind; itemId: string; reason?: string | undefined },
  now: number,
): Promise<void> {
  const { store } = deps;
  const row =
    req.kind === 'backstage_question'
      ? await store.findQuestion(session.id, req.itemId)
      : await store.findAnswer(session.id, req.itemId);
  // Only what the reporter can see can be reported (a waiting post only by its author, which is odd but harmless).
  if (!row || row.status === 'hidden' || (row.status === 'pending' && row.author_id !== reporterId))
    throw new NotFoundError('post');
  await store.db
    .insertInto('moderation_reports')
    .values({
      class_id: session.class_id,
      session_id: session.id,
      tenant_id: session.tenant_id,
      item_kind: req.kind,
      item_id: row.id,
      reporter_id: reporterId,
      reason: req.reason ?? '',
      created_at: now,
      resolved_at: null,
    })
    .onConflict((oc) => oc.columns(['item_kind', 'item_id', 'reporter_id']).doNothing())
    .execute();
  await auditModeration(store.db, {
    classId: session.class_id,
    tenantId: session.tenant_id,
    sessionId: session.id,
    actorId: reporterId,
    action: 'report',
    itemKind: req.kind,
    itemId: row.id,
    subjectUserId: row.author_id,
    at: now,
  });
  deps.queueChanged(session.class_id, session.id);
}

/** Counters for the facilitators' `moderation_changed` event. */
export async function queueCounts(
  store: BackstageStore,
  classId: string,
): Promise<{ pending: number; reported: number }> {
  const [q, a, r] = await Promise.all([
    store.db
      .selectFrom('backstage_questions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('class_id', '=', classId)
      .where('status', '=', 'pending')
      .executeTakeFirst(),
    store.db
      .selectFrom('backstage_answers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('class_id', '=', classId)
      .where('status', '=', 'pending')
      .executeTakeFirst(),
    store.db
      .selectFrom('moderation_reports')
      .select((eb) => eb.fn.count<number>('item_id').distinct().as('n'))
      .where('class_id', '=', classId)
      .where('resolved_at', 'is', null)
      .executeTakeFirst(),
  ]);
  return { pending: Number(q?.n ?? 0) + Number(a?.n ?? 0), reported: Number(r?.n ?? 0) };
}

const QUEUE_MAX = 200;

/** The facilitators' moderation view of a class: waiting, reported (unresolved) and hidden posts, paused students. */
export async function moderationQueue(
  store: BackstageStore,
  classId: string,
  now: number,
): Promise<ModerationQueue> {
  const db = store.db;
  const [questions, answers, reports, pauses] = await Promise.all([
    db
      .selectFrom('backstage_questions')
      .selectAll()
      .where('class_id', '=', classId)
      .where('status', 'in', ['pending', 'hidden'])
      .orderBy('created_at', 'desc')
      .limit(QUEUE_MAX)
      .execute(),
    db
      .selectFrom('backstage_answers')
      .selectAll()
      .where('class_id', '=', classId)
      .where('status', 'in', ['pending', 'hidden'])
      .orderBy('created_at', 'desc')
      .limit(QUEUE_MAX)
      .execute(),
    db
      .selectFrom('moderation_reports')
      .selectAll()
      .where('class_id', '=', classId)
      .where('resolved_at', 'is', null)
      .limit(QUEUE_MAX * 5)
      .execute(),
    db
      .selectFrom('posting_pauses')
      .leftJoin('members', (j) =>
        j
          .onRef('members.class_id', '=', 'posting_pauses.class_id')
          .onRef('members.user_id', '=', 'posting_pauses.user_id'),
      )
      .select(['posting_pauses.user_id', 'posting_pauses.until', 'members.name'])
      .where('posting_pauses.class_id', '=', classId)
      .where('posting_pauses.until', '>', now)
      .execute(),
  ]);
  const byItem = new Map<string, { count: number; reasons: string[] }>();
  for (const r of reports) {
    const e = byItem.get(r.item_id) ?? { count: 0, reasons: [] };
    e.count++;
    if (r.reason) e.reasons.push(r.reason);
    byItem.set(r.item_id, e);
  }
  const none = { count: 0, reasons: [] };
  const all: ModerationItem[] = [
    ...questions.map((q) => presentModerationItem('backstage_question', q, byItem.get(q.id) ?? none)),
    ...answers.map((a) => presentModerationItem('backstage_answer', a, byItem.get(a.id) ?? none)),
  ];
  // Reported posts that are still published are read separately (they are not in the two lists above).
  const reportedIds = [...byItem.keys()].filter((id) => !all.some((i) => i.itemId === id));
  const [rq, ra] = await Promise.all([
    reportedIds.length
      ? db.selectFrom('backstage_questions').selectAll().where('id', 'in', reportedIds).execute()
      : [],
    reportedIds.length
      ? db.selectFrom('backstage_answers').selectAll().where('id', 'in', reportedIds).execute()
      : [],
  ]);
  const reportedPublished = [
    ...rq.map((q) => presentModerationItem('backstage_question', q, byItem.get(q.id) ?? none)),
    ...ra.map((a) => presentModerationItem('backstage_answer', a, byItem.get(a.id) ?? none)),
  ];
  return {
    pending: all.filter((i) => i.status === 'pending'),
    reported: [...all.filter((i) => i.reports > 0 && i.status !== 'hidden'), ...reportedPublished].sort(
      (a, b) => b.reports - a.reports,
    ),
    hidden: all.filter((i) => i.status === 'hidden'),
    paused: pauses.map((p) => ({ userId: p.user_id, name: p.name ?? '', until: p.until })),
  };
}

/** Pauses (minutes > 0) or lifts (0) one student's posting in a class; audited. */
export async function pauseMember(
  store: BackstageStore,
  cls: { id: string; tenant_id: string },
  actorId: string,
  userId: string,
  minutes: number,
  now: number,
): Promise<number | null> {
  const until = minutes > 0 ? now + minutes * 60_000 : null;
  if (until === null) {
    await store.db
      .deleteFrom('posting_pauses')
      .where('class_id', '=', cls.id)
      .where('user_id', '=', userId)
      .execute();
  } else {
    const values = { until, by_id: actorId, at: now };
    await store.db
      .insertInto('posting_pauses')
      .values({ class_id: cls.id, tenant_id: cls.tenant_id, user_id: userId, ...values })
      .onConflict((oc) => oc.columns(['class_id', 'user_id']).doUpdateSet(values))
      .execute();
  }
  await auditModeration(store.db, {
    classId: cls.id,
    tenantId: cls.tenant_id,
    sessionId: null,
    actorId,
    action: until === null ? 'unpause' : 'pause',
    subjectUserId: userId,
    detail: until === null ? null : `${minutes} min`,
    at: now,
  });
  return until;
}
