import { z } from 'zod';
import { BackstageQuestionViewSchema } from './backstage/schemas';
import { RoundViewSchema } from './rounds/viewSchemas';
import { SessionSchema } from './sessions';

/**
 * Events on a session's stream (server-sent events). A discriminated union on `type`; later features add
 * members. Every event is delivered only to its audience, so private data never reaches the wrong person.
 */
export const SessionEventSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('session_updated'), session: SessionSchema }),
    z.object({ type: z.literal('hello'), sessionId: z.string(), role: z.string() }),
    /**
     * A round changed. Sent three ways: the students' public view (audience `all`, nothing private in it),
     * the facilitators' view, and one student's own view (their answer, partners, assignments) to that
     * student alone. Tallies are coalesced (a few per second at most); phase changes are sent at once.
     */
    z.object({
      type: z.literal('round_updated'),
      view: RoundViewSchema,
      /** `phase`: the phase moved; `tally`: counts or content changed; `mine`: this student's own part. */
      change: z.enum(['phase', 'tally', 'mine']),
    }),
    /**
     * Backstage questions were asked, voted on, answered, pinned or approved: their public views (no
     * anonymous author, no caller-specific fields) to everyone while published; a waiting post goes to its
     * author and the facilitators only.
     */
    z.object({
      type: z.literal('backstage_questions'),
      /** Every question that changed in the last gathering window (tens of ms), in their latest state. */
      questions: z.array(BackstageQuestionViewSchema),
    }),
    /** A question was hidden: every view drops it. Stored events that held its text are rewritten to this. */
    z.object({ type: z.literal('backstage_removed'), questionId: z.string() }),
    /** Facilitators only: the moderation queue changed (a post waits, was reported, hidden or restored). */
    z.object({
      type: z.literal('moderation_changed'),
      pending: z.int(),
      reported: z.int(),
    }),
  ])
  .meta({ id: 'SessionEvent' });
export type SessionEvent = z.infer<typeof SessionEventSchema>;

/** Who may receive an event. */
export type Audience = { kind: 'all' } | { kind: 'facilitators' } | { kind: 'user'; userId: string };

/** An event as stored and sent: `id` is the SSE id used for `Last-Event-ID` resume. */
export interface SessionEventEnvelope {
  id: number;
  sessionId: string;
  at: string;
  event: SessionEvent;
}

/** How long a stream stays quiet before the server sends a keep-alive comment, in ms. */
export const EVENT_STREAM_HEARTBEAT_MS = 15_000;
