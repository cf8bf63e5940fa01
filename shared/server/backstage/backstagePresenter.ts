import type {
  BackstageAnswerView,
  BackstageQuestionView,
  ModerationItem,
} from '../../contract/backstage/schemas';
import { isVisible, type ModerationStatus } from '../../contract/moderation/status';
import type { AnswerRow, QuestionRow } from './backstageStore';

/** Who a view is for; null: the public view sent on the event stream to the whole class. */
export type BackstageViewer = { userId: string; facilitator: boolean } | null;

function parseList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function assignedOf(row: QuestionRow): string[] {
  return parseList(row.assigned_to);
}

export function matchedOf(row: { matched: string }): string[] {
  return parseList(row.matched);
}

function visible(status: string, authorId: string, viewer: BackstageViewer): boolean {
  return isVisible(status as ModerationStatus, {
    facilitator: viewer?.facilitator ?? false,
    author: viewer !== null && viewer.userId === authorId,
  });
}

/** An answer as the viewer may see it: the author of an anonymous answer never reaches anyone here. */
export function presentAnswer(a: AnswerRow, viewer: BackstageViewer): BackstageAnswerView {
  return {
    id: a.id,
    text: a.text,
    anonymous: a.anonymous === 1,
    authorName: a.anonymous === 1 || a.author_name === '' ? null : a.author_name,
    byFacilitator: a.by_facilitator === 1,
    status: a.status as ModerationStatus,
    mine: viewer !== null && viewer.userId === a.author_id,
    createdAt: a.created_at,
  };
}

/**
 * A question as the viewer may see it, with the answers they may see. Anonymous authors are left out
 * for everyone (facilitators see them in the moderation view only, where they act on them).
 */
export function presentQuestion(
  q: QuestionRow,
  answers: readonly AnswerRow[],
  viewer: BackstageViewer,
  myVote = 0,
): BackstageQuestionView {
  const assigned = assignedOf(q);
  return {
    id: q.id,
    sessionId: q.session_id,
    text: q.text,
    anonymous: q.anonymous === 1,
    authorName: q.anonymous === 1 || q.author_name === '' ? null : q.author_name,
    status: q.status as ModerationStatus,
    createdAt: q.created_at,
    up: q.up,
    down: q.down,
    pinned: q.pinned === 1,
    answered: q.answered === 1,
    answeredInNotes: q.answered_in_notes,
    answers: answers
      .filter((a) => a.question_id === q.id && visible(a.status, a.author_id, viewer))
      .map((a) => presentAnswer(a, viewer)),
    mine: viewer !== null && viewer.userId === q.author_id,
    myVote: myVote === 1 ? 1 : myVote === -1 ? -1 : 0,
    assignedToMe: viewer !== null && assigned.includes(viewer.userId),
    assignedCount: assigned.length,
  };
}

/** A question or answer in the facilitators' moderation view. */
export function presentModerationItem(
  kind: 'backstage_question' | 'backstage_answer',
  row: QuestionRow | AnswerRow,
  reports: { count: number; reasons: string[] },
): ModerationItem {
  return {
    kind,
    itemId: row.id,
    sessionId: row.session_id,
    text: row.text,
    status: row.status as ModerationStatus,
    authorId: row.author_id,
    authorName: row.author_name,
    anonymous: row.anonymous === 1,
    createdAt: row.created_at,
    matched: matchedOf(row),
    reports: reports.count,
    reportReasons: reports.reasons,
  };
}
