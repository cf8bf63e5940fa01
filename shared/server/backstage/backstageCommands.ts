import type { BackstageRefusal } from '../../contract/backstage/model';
import { answerRefusal, voteRefusal, type BackstageQuestion } from '../../contract/backstage/model';
import { screenPost } from '../../contract/moderation/screen';
import { initialStatus } from '../../contract/moderation/status';
import { findDuplicates, type Passage } from '../../contract/rounds/dedupe';
import { ConflictError, NotFoundError, ServiceError } from '../errors';
import { newId } from '../storage/ids';
import type { SessionRow } from '../storage/stores/sessionStore';
import type { BackstageStore, QuestionRow } from './backstageStore';
import { assignedOf } from './backstagePresenter';
import { loadModerationSettings, pausedUntil } from './classModeration';
import type { PostingLimits } from './postingLimits';

/** Who acts, as the routes resolved them. */
export interface Actor {
  userId: string;
  name: string;
  facilitator: boolean;
}

export interface CommandDeps {
  store: BackstageStore;
  limits: PostingLimits;
  /** The session's note as passages for "answered in the notes" (cached by the caller). */
  notesPassages(sessionId: string): Promise<Passage[]>;
  changed(sessionId: string, questionId: string): void;
  /** Facilitators' queue counters changed. */
  queueChanged(classId: string, sessionId: string): void;
}

function refused(reason: BackstageRefusal): ServiceError {
  const messages: Record<BackstageRefusal, string> = {
    unknown_question: 'There is no such question (it may have been removed).',
    own_question: 'That is your own question.',
    not_assigned: 'A facilitator assigned this question to other students to answer.',
    not_published: 'This question is waiting for a facilitator to approve it.',
  };
  if (reason === 'unknown_question') return new NotFoundError('question');
  return new ServiceError('backstage_refused', messages[reason], { reason });
}

/** The model's view of a row, for the pure rules. */
function modelOf(row: QuestionRow): BackstageQuestion {
  return {
    id: row.id,
    authorId: row.author_id,
    anonymous: row.anonymous === 1,
    text: row.text,
    status: row.status as BackstageQuestion['status'],
    createdAt: row.created_at,
    pinned: row.pinned === 1,
    answered: row.answered === 1,
    duplicateOf: row.duplicate_of,
    votes: {},
    assignedTo: assignedOf(row),
  };
}

async function mayPost(
  deps: CommandDeps,
  kind: 'ask' | 'answer',
  session: SessionRow,
  actor: Actor,
  now: number,
): Promise<void> {
  if (session.status !== 'live') throw new ConflictError('session_ended', 'This session has ended.');
  if (actor.facilitator) return;
  const until = await pausedUntil(deps.store.db, session.class_id, actor.userId, now);
  if (until !== null)
    throw new ServiceError('posting_paused', 'A facilitator has paused your posting in this class.', {
      until,
    });
  await deps.limits.take(kind, session.class_id, actor.userId);
}

/**
 * Asks a question: screened by the word filter, queued when the class pre-moderates or the filter
 * matched, merged into an earlier published question it repeats (the ask counts as an up-vote there).
 */
export async function askQuestion(
  deps: CommandDeps,
  session: SessionRow,
  actor: Actor,
  body: { text: string; anonymous: boolean },
  now: number,
): Promise<{ row: QuestionRow; duplicateOf: string | null }> {
  await mayPost(deps, 'ask', session, actor, now);
  const settings = await loadModerationSettings(deps.store.db, session.class_id);
  const screen = screenPost(body.text, settings.words);
  const status = initialStatus(actor, settings, screen);
  const [published, notes] = await Promise.all([
    status === 'published' ? deps.store.publishedTexts(session.id) : Promise.resolve([]),
    deps.notesPassages(session.id),
  ]);
  const found = findDuplicates(body.text, published, notes);
  const row: QuestionRow = {
    id: newId('bq'),
    session_id: session.id,
    class_id: session.class_id,
    tenant_id: session.tenant_id,
    author_id: actor.userId,
    author_name: actor.name,
    anonymous: body.anonymous ? 1 : 0,
    text: body.text,
    status,
    matched: JSON.stringify(screen.matched),
    pinned: 0,
    answered: 0,
    duplicate_of: found.duplicateOf?.id ?? null,
    answered_in_notes: found.answeredInNotes?.id ?? null,
    assigned_to: '[]',
    up: 0,
    down: 0,
    created_at: now,
  };
  const duplicateOf = await deps.store.transaction(async (trx) => {
    let original = row.duplicate_of
      ? await deps.store.lockQuestion(trx, session.id, row.duplicate_of)
      : undefined;
    if (original && original.status !== 'published') original = undefined;
    row.duplicate_of = original?.id ?? null;
    await deps.store.insertQuestion(trx, row);
    await deps.store.log(trx, session.id, {
      type: 'ask',
      id: row.id,
      authorId: actor.userId,
      anonymous: body.anonymous,
      text: body.text,
      status,
      duplicateOf: row.duplicate_of,
      at: now,
    });
    // As in the model: asking again is an up-vote for the original, once, never on one's own question.
    if (
      original &&
      original.author_id !== actor.userId &&
      !(await deps.store.hasVote(trx, original.id, actor.userId))
    )
      await deps.store.setVote(trx, original, actor.userId, 1, now);
    return original?.id ?? null;
  });
  if (duplicateOf) deps.changed(session.id, duplicateOf);
  else deps.changed(session.id, row.id);
  if (status === 'pending') deps.queueChanged(session.class_id, session.id);
  return { row, duplicateOf };
}

/** Votes on a question; a vote on a merged question counts for the question it was merged into. */
export async function voteQuestion(
  deps: CommandDeps,
  session: SessionRow,
  actor: Actor,
  questionId: string,
  value: -1 | 0 | 1,
  now: number,
): Promise<string> {
  if (session.status !== 'live') throw new ConflictError('session_ended', 'This session has ended.');
  const first = await deps.store.findQuestion(session.id, questionId);
  const targetId = first?.duplicate_of ?? questionId;
  await deps.store.transaction(async (trx) => {
    const q = await deps.store.lockQuestion(trx, session.id, targetId);
    const refusal = voteRefusal(q ? modelOf(q) : undefined, actor.userId);
    if (refusal || !q) throw refused(refusal ?? 'unknown_question');
    if (await deps.store.setVote(trx, q, actor.userId, value, now))
      await deps.store.log(trx, session.id, {
        type: 'vote',
        questionId: q.id,
        userId: actor.userId,
        value,
        at: now,
      });
  });
  deps.changed(session.id, targetId);
  return targetId;
}

/** Answers a question: peers (anonymous to classmates if they like) or a facilitator directly. */
export async function answerQuestion(
  deps: CommandDeps,
  session: SessionRow,
  actor: Actor,
  questionId: string,
  body: { text: string; anonymous: boolean },
  now: number,
): Promise<void> {
  const q = await deps.store.findQuestion(session.id, questionId);
  const refusal = answerRefusal(q ? modelOf(q) : undefined, actor);
  if (refusal || !q) throw refused(refusal ?? 'unknown_question');
  await mayPost(deps, 'answer', session, actor, now);
  const settings = await loadModerationSettings(deps.store.db, session.class_id);
  const screen = screenPost(body.text, settings.words);
  const status = initialStatus(actor, settings, screen);
  const id = newId('ba');
  await deps.store.transaction(async (trx) => {
    await deps.store.insertAnswer(trx, {
      id,
      question_id: q.id,
      session_id: session.id,
      class_id: session.class_id,
      tenant_id: session.tenant_id,
      author_id: actor.userId,
      author_name: actor.name,
      anonymous: body.anonymous ? 1 : 0,
      by_facilitator: actor.facilitator ? 1 : 0,
      text: body.text,
      status,
      matched: JSON.stringify(screen.matched),
      created_at: now,
    });
    await deps.store.log(trx, session.id, {
      type: 'answer',
      id,
      questionId: q.id,
      authorId: actor.userId,
      anonymous: body.anonymous,
      byFacilitator: actor.facilitator,
      text: body.text,
      status,
      at: now,
    });
  });
  deps.changed(session.id, q.id);
  if (status === 'pending') deps.queueChanged(session.class_id, session.id);
}

/** Facilitator: pin, mark answered, assign to peers (never to the asker). */
export async function facilitateQuestion(
  deps: CommandDeps,
  session: SessionRow,
  questionId: string,
  body: { pinned?: boolean | undefined; answered?: boolean | undefined; assignTo?: string[] | undefined },
  now: number,
): Promise<void> {
  await deps.store.transaction(async (trx) => {
    const q = await deps.store.lockQuestion(trx, session.id, questionId);
    if (!q || q.status === 'hidden') throw new NotFoundError('question');
    const assignTo = body.assignTo?.filter((u) => u !== q.author_id);
    const assigned = assignTo ? [...new Set([...assignedOf(q), ...assignTo])] : undefined;
    const set = {
      ...(body.pinned !== undefined ? { pinned: body.pinned ? 1 : 0 } : {}),
      ...(body.answered !== undefined ? { answered: body.answered ? 1 : 0 } : {}),
      ...(assigned ? { assigned_to: JSON.stringify(assigned) } : {}),
    };
    // An empty change is a no-op (and an UPDATE without columns is not SQL).
    if (Object.keys(set).length === 0) return;
    await deps.store.updateQuestion(trx, q.id, set);
    await deps.store.log(trx, session.id, {
      type: 'facilitate',
      questionId: q.id,
      ...(body.pinned !== undefined ? { pinned: body.pinned } : {}),
      ...(body.answered !== undefined ? { answered: body.answered } : {}),
      ...(assignTo ? { assignTo } : {}),
      at: now,
    });
  });
  deps.changed(session.id, questionId);
}
