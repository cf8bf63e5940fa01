import { moderate, type ModerationAction, type ModerationStatus } from '../moderation/status';
import { findDuplicates, type Passage } from '../rounds/dedupe';
import { rankQuestions } from '../rounds/ranking';

/**
 * The always-on questions of one live session ("the backstage"), as a pure model: the service stores rows
 * and an append-only log of these events; replaying the log through `applyBackstageEvent` gives the same
 * questions, votes and order as the rows (the question-burst benchmark and the service tests check it).
 */
export interface BackstageAnswer {
  id: string;
  questionId: string;
  authorId: string;
  anonymous: boolean;
  byFacilitator: boolean;
  text: string;
  status: ModerationStatus;
  createdAt: number;
}

export interface BackstageQuestion {
  id: string;
  authorId: string;
  anonymous: boolean;
  text: string;
  status: ModerationStatus;
  createdAt: number;
  pinned: boolean;
  answered: boolean;
  /** The earlier question this one repeats (asking it again counted as an up-vote there). */
  duplicateOf: string | null;
  /** Votes by user id: +1 or -1. */
  votes: Record<string, 1 | -1>;
  assignedTo: string[];
}

export interface BackstageState {
  questions: Record<string, BackstageQuestion>;
  answers: Record<string, BackstageAnswer>;
}

export type BackstageEvent =
  | {
      type: 'ask';
      id: string;
      authorId: string;
      anonymous: boolean;
      text: string;
      status: ModerationStatus;
      duplicateOf: string | null;
      at: number;
    }
  | { type: 'vote'; questionId: string; userId: string; value: -1 | 0 | 1; at: number }
  | {
      type: 'answer';
      id: string;
      questionId: string;
      authorId: string;
      anonymous: boolean;
      byFacilitator: boolean;
      text: string;
      status: ModerationStatus;
      at: number;
    }
  | {
      type: 'facilitate';
      questionId: string;
      pinned?: boolean;
      answered?: boolean;
      assignTo?: string[];
      at: number;
    }
  | { type: 'moderate'; item: 'question' | 'answer'; id: string; action: ModerationAction; at: number };

export const EMPTY_BACKSTAGE: BackstageState = { questions: {}, answers: {} };

/** Half-life of a question's score: a lecture is long, so older than a round's (minutes, not seconds). */
export const BACKSTAGE_HALF_LIFE_MS = 10 * 60_000;

/** Why a student's action on a question is refused; null when it is allowed. */
export type BackstageRefusal = 'unknown_question' | 'own_question' | 'not_assigned' | 'not_published';

/** Whether `userId` may vote on `q`: published, and not their own question. */
export function voteRefusal(q: BackstageQuestion | undefined, userId: string): BackstageRefusal | null {
  if (!q || q.status === 'hidden') return 'unknown_question';
  if (q.status !== 'published') return 'not_published';
  return q.authorId === userId ? 'own_question' : null;
}

/**
 * Whether a student may answer `q`: published and not their own; once a facilitator assigned the question
 * to peers, only those peers answer it (facilitators always may).
 */
export function answerRefusal(
  q: BackstageQuestion | undefined,
  user: { userId: string; facilitator: boolean },
): BackstageRefusal | null {
  if (!q || q.status === 'hidden') return 'unknown_question';
  if (user.facilitator) return null;
  if (q.status !== 'published') return 'not_published';
  if (q.authorId === user.userId) return 'own_question';
  if (q.assignedTo.length > 0 && !q.assignedTo.includes(user.userId)) return 'not_assigned';
  return null;
}

/** The earlier published question `text` repeats, or null; and the notes passage that covers it, if any. */
export function backstageDuplicates(
  text: string,
  state: BackstageState,
  notes: readonly Passage[] = [],
): { duplicateOf: string | null; answeredInNotes: string | null } {
  const distinct = Object.values(state.questions)
    .filter((q) => q.status === 'published' && q.duplicateOf === null)
    .map((q) => ({ id: q.id, text: q.text }));
  const found = findDuplicates(text, distinct, notes);
  return { duplicateOf: found.duplicateOf?.id ?? null, answeredInNotes: found.answeredInNotes?.id ?? null };
}

function withQuestion(s: BackstageState, q: BackstageQuestion): BackstageState {
  return { ...s, questions: { ...s.questions, [q.id]: q } };
}

/** Applies one logged event; events that no longer apply (unknown ids) leave the state as it is. */
export function applyBackstageEvent(s: BackstageState, e: BackstageEvent): BackstageState {
  switch (e.type) {
    case 'ask': {
      let next = withQuestion(s, {
        id: e.id,
        authorId: e.authorId,
        anonymous: e.anonymous,
        text: e.text,
        status: e.status,
        createdAt: e.at,
        pinned: false,
        answered: false,
        duplicateOf: e.duplicateOf,
        votes: {},
        assignedTo: [],
      });
      const original = e.duplicateOf ? next.questions[e.duplicateOf] : undefined;
      // Asking a published question again is an up-vote for it (once, never on one's own question).
      if (
        original &&
        e.status === 'published' &&
        original.authorId !== e.authorId &&
        !original.votes[e.authorId]
      )
        next = withQuestion(next, { ...original, votes: { ...original.votes, [e.authorId]: 1 } });
      return next;
    }
    case 'vote': {
      const q = s.questions[e.questionId];
      if (!q) return s;
      const votes = { ...q.votes };
      if (e.value === 0) delete votes[e.userId];
      else votes[e.userId] = e.value;
      return withQuestion(s, { ...q, votes });
    }
    case 'answer':
      return {
        ...s,
        answers: {
          ...s.answers,
          [e.id]: {
            id: e.id,
            questionId: e.questionId,
            authorId: e.authorId,
            anonymous: e.anonymous,
            byFacilitator: e.byFacilitator,
            text: e.text,
            status: e.status,
            createdAt: e.at,
          },
        },
      };
    case 'facilitate': {
      const q = s.questions[e.questionId];
      if (!q) return s;
      return withQuestion(s, {
        ...q,
        pinned: e.pinned ?? q.pinned,
        answered: e.answered ?? q.answered,
        assignedTo: e.assignTo ? [...new Set([...q.assignedTo, ...e.assignTo])] : q.assignedTo,
      });
    }
    case 'moderate': {
      if (e.item === 'question') {
        const q = s.questions[e.id];
        return q ? withQuestion(s, { ...q, status: moderate(q.status, e.action).status }) : s;
      }
      const a = s.answers[e.id];
      return a
        ? { ...s, answers: { ...s.answers, [a.id]: { ...a, status: moderate(a.status, e.action).status } } }
        : s;
    }
  }
}

/** Replays a log from the start. */
export function replayBackstage(events: readonly BackstageEvent[]): BackstageState {
  return events.reduce(applyBackstageEvent, EMPTY_BACKSTAGE);
}

/** Up and down counts of a question's votes. */
export function tally(votes: Record<string, 1 | -1>): { up: number; down: number } {
  let up = 0;
  let down = 0;
  for (const v of Object.values(votes))
    if (v > 0) up++;
    else down++;
  return { up, down };
}

/** What the ranking needs of a question. */
export interface RankedItem {
  id: string;
  up: number;
  down: number;
  createdAt: number;
  pinned: boolean;
  answered: boolean;
}

/**
 * The backstage order: pinned questions first, then open questions by score (Wilson bound with decay, as
 * in question rounds), answered ones last (they stay readable but stop competing for attention). Within
 * each group the round ranking's tie rules hold.
 */
export function rankBackstage<Q extends RankedItem>(
  items: readonly Q[],
  now: number,
  halfLifeMs = BACKSTAGE_HALF_LIFE_MS,
): Q[] {
  const group = (q: RankedItem) => (q.pinned ? 0 : q.answered ? 2 : 1);
  return rankQuestions(items, now, halfLifeMs)
    .map((r, i) => ({ q: r.question, i }))
    .sort((a, b) => group(a.q) - group(b.q) || a.i - b.i)
    .map((r) => r.q);
}

/** Published questions of a replayed state, ranked: what every student sees, in order. */
export function rankedPublished(
  s: BackstageState,
  now: number,
  halfLifeMs = BACKSTAGE_HALF_LIFE_MS,
): string[] {
  const items = Object.values(s.questions)
    .filter((q) => q.status === 'published' && q.duplicateOf === null)
    .map((q) => ({
      id: q.id,
      createdAt: q.createdAt,
      pinned: q.pinned,
      answered: q.answered,
      ...tally(q.votes),
    }));
  return rankBackstage(items, now, halfLifeMs).map((q) => q.id);
}
