import type { ScreenResult } from './screen';

/**
 * Where a post stands: `published` (everyone in the class sees it), `pending` (waiting in the approval
 * queue: only its author and facilitators see it), `hidden` (taken down: only facilitators, in the
 * moderation view; it stays in the audit trail).
 */
export const MODERATION_STATUSES = ['published', 'pending', 'hidden'] as const;
export type ModerationStatus = (typeof MODERATION_STATUSES)[number];

export const MODERATION_ACTIONS = ['approve', 'hide', 'restore'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/**
 * A facilitator's action on a post. `approve` publishes a queued post, `hide` takes down a queued or
 * published one, `restore` publishes a hidden one again. An action that finds the post already where it
 * would put it changes nothing (a double click, two facilitators at once), so retries are harmless; an
 * `approve` of a hidden post does not bring it back: only `restore` does, deliberately.
 */
export function moderate(
  status: ModerationStatus,
  action: ModerationAction,
): { status: ModerationStatus; changed: boolean } {
  const next: ModerationStatus =
    action === 'hide'
      ? 'hidden'
      : action === 'restore'
        ? status === 'hidden'
          ? 'published'
          : status
        : status === 'pending'
          ? 'published'
          : status;
  return { status: next, changed: next !== status };
}

/** Who is looking at a post. */
export interface PostViewer {
  facilitator: boolean;
  /** The viewer wrote the post. */
  author: boolean;
}

/** Whether a post in `status` appears in the viewer's lists (moderation views aside). */
export function isVisible(status: ModerationStatus, viewer: PostViewer): boolean {
  if (status === 'published') return true;
  if (status === 'pending') return viewer.facilitator || viewer.author;
  return false;
}

/** Moderation a class has switched on. */
export interface ClassModeration {
  /** Pre-moderation: every student post waits for approval. */
  queueAll: boolean;
  /** The class's own words, screened beside the built-in lists. */
  words: string[];
}

/**
 * Where a new post starts: facilitators publish directly; a student's post waits in the queue when the
 * class pre-moderates or the word filter matched, and is published otherwise.
 */
export function initialStatus(
  author: { facilitator: boolean },
  moderation: ClassModeration,
  screen: ScreenResult,
): ModerationStatus {
  if (author.facilitator) return 'published';
  return moderation.queueAll || !screen.clean ? 'pending' : 'published';
}
