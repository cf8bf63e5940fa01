import { z } from 'zod';
import { UserIdSchema } from '../ids';
import { CLASS_WORDS_MAX, CLASS_WORD_LENGTH_MAX } from '../moderation/screen';
import { MODERATION_ACTIONS, MODERATION_STATUSES } from '../moderation/status';
import { ROUND_LIMITS } from '../rounds/limits';

const text = (max: number) => z.string().trim().min(1).max(max);

/** Limits of the backstage, shared by client and server. */
export const BACKSTAGE_LIMITS = {
  questionTextMax: ROUND_LIMITS.questionTextMax,
  answerTextMax: ROUND_LIMITS.peerAnswerTextMax,
  reportReasonMax: 300,
  pageSizeDefault: 8,
  pageSizeMax: 100,
  /** Longest pause a facilitator can put on one student's posting: a week. */
  pauseMinutesMax: 7 * 24 * 60,
  /** Per student and class: questions asked, and answers written, per minute. */
  asksPerMinute: 5,
  answersPerMinute: 10,
} as const;

export const BackstageQuestionIdSchema = z
  .string()
  .regex(/^bq_[A-Za-z0-9_-]{6,40}$/)
  .brand<'BackstageQuestionId'>();
export const BackstageAnswerIdSchema = z
  .string()
  .regex(/^ba_[A-Za-z0-9_-]{6,40}$/)
  .brand<'BackstageAnswerId'>();
export const ModerationStatusSchema = z.enum(MODERATION_STATUSES);

/** A peer's or facilitator's answer to a backstage question, as others may see it. */
export const BackstageAnswerViewSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    anonymous: z.boolean(),
    /** Null for an anonymous answer: its author never reaches peers. */
    authorName: z.string().nullable(),
    byFacilitator: z.boolean(),
    status: ModerationStatusSchema,
    mine: z.boolean(),
    createdAt: z.number(),
  })
  .meta({ id: 'BackstageAnswer' });
export type BackstageAnswerView = z.infer<typeof BackstageAnswerViewSchema>;

/** A backstage question as the caller may see it; `mine`, `myVote` and `assignedToMe` are the caller's own. */
export const BackstageQuestionViewSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    text: z.string(),
    anonymous: z.boolean(),
    authorName: z.string().nullable(),
    status: ModerationStatusSchema,
    createdAt: z.number(),
    up: z.int(),
    down: z.int(),
    pinned: z.boolean(),
    answered: z.boolean(),
    /** A notes passage (block id) that seems to answer the question already. */
    answeredInNotes: z.string().nullable(),
    answers: z.array(BackstageAnswerViewSchema),
    mine: z.boolean(),
    myVote: z.union([z.literal(-1), z.literal(0), z.literal(1)]),
    assignedToMe: z.boolean(),
    assignedCount: z.int(),
  })
  .meta({ id: 'BackstageQuestion' });
export type BackstageQuestionView = z.infer<typeof BackstageQuestionViewSchema>;

export const BackstagePageQuerySchema = z
  .object({
    offset: z.coerce.number().int().min(0).max(100_000).optional(),
    limit: z.coerce.number().int().min(1).max(BACKSTAGE_LIMITS.pageSizeMax).optional(),
  })
  .strict();

/** One page of the ranked backstage (pinned first, then by score, answered last). */
export const BackstagePageSchema = z
  .object({
    items: z.array(BackstageQuestionViewSchema),
    total: z.int(),
    offset: z.int(),
    nextOffset: z.int().nullable(),
    /** The caller's own posts waiting for approval (facilitators: every waiting post of the session). */
    pending: z.array(BackstageQuestionViewSchema),
    /** Present when the caller's posting is paused: until when (epoch ms). */
    pausedUntil: z.number().nullable(),
  })
  .meta({ id: 'BackstagePage' });
export type BackstagePage = z.infer<typeof BackstagePageSchema>;

export const BackstageAskSchema = z
  .object({
    text: text(BACKSTAGE_LIMITS.questionTextMax),
    anonymous: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'BackstageAsk' });

/** What happened to an asked question: published, waiting for approval, or merged into an earlier one. */
export const BackstageAskResultSchema = z
  .object({
    question: BackstageQuestionViewSchema,
    /** The earlier question this one repeats; the caller's ask counted as an up-vote there. */
    duplicateOf: z.string().nullable(),
  })
  .meta({ id: 'BackstageAskResult' });

export const BackstageVoteSchema = z
  .object({ value: z.union([z.literal(-1), z.literal(0), z.literal(1)]) })
  .strict()
  .meta({ id: 'BackstageVote' });

export const BackstageAnswerSchema = z
  .object({ text: text(BACKSTAGE_LIMITS.answerTextMax), anonymous: z.boolean().default(false) })
  .strict()
  .meta({ id: 'BackstageAnswerRequest' });

/** Facilitator: pin, mark answered, assign to peers (any subset; an empty body changes nothing). */
export const BackstageFacilitateSchema = z
  .object({
    pinned: z.boolean().optional(),
    answered: z.boolean().optional(),
    assignTo: z.array(UserIdSchema).min(1).max(50).optional(),
  })
  .strict()
  .meta({ id: 'BackstageFacilitate' });

/** Kinds of posts a facilitator can moderate. */
export const MODERATED_KINDS = ['backstage_question', 'backstage_answer'] as const;
export const ModeratedKindSchema = z.enum(MODERATED_KINDS);
export type ModeratedKind = z.infer<typeof ModeratedKindSchema>;

export const ModerateRequestSchema = z
  .object({
    kind: ModeratedKindSchema,
    itemId: z.string().min(1).max(64),
    action: z.enum(MODERATION_ACTIONS),
    reason: z.string().trim().max(BACKSTAGE_LIMITS.reportReasonMax).optional(),
  })
  .strict()
  .meta({ id: 'ModerateRequest' });

export const ModerateResultSchema = z
  .object({ status: ModerationStatusSchema, changed: z.boolean() })
  .meta({ id: 'ModerateResult' });

export const ReportRequestSchema = z
  .object({
    kind: ModeratedKindSchema,
    itemId: z.string().min(1).max(64),
    reason: z.string().trim().max(BACKSTAGE_LIMITS.reportReasonMax).optional(),
  })
  .strict()
  .meta({ id: 'ReportRequest' });

/** One post in the facilitators' moderation view: waiting, hidden or reported. Authors shown (accountable). */
export const ModerationItemSchema = z
  .object({
    kind: ModeratedKindSchema,
    itemId: z.string(),
    sessionId: z.string(),
    text: z.string(),
    status: ModerationStatusSchema,
    authorId: z.string(),
    authorName: z.string(),
    anonymous: z.boolean(),
    createdAt: z.number(),
    /** Words the filter matched (why it waits), if any. */
    matched: z.array(z.string()),
    reports: z.int(),
    reportReasons: z.array(z.string()),
  })
  .meta({ id: 'ModerationItem' });
export type ModerationItem = z.infer<typeof ModerationItemSchema>;

export const ModerationQueueSchema = z
  .object({
    pending: z.array(ModerationItemSchema),
    reported: z.array(ModerationItemSchema),
    hidden: z.array(ModerationItemSchema),
    paused: z.array(z.object({ userId: z.string(), name: z.string(), until: z.number() })),
  })
  .meta({ id: 'ModerationQueue' });
export type ModerationQueue = z.infer<typeof ModerationQueueSchema>;

export const ModerationSettingsSchema = z
  .object({
    queueAll: z.boolean(),
    words: z.array(z.string().trim().min(1).max(CLASS_WORD_LENGTH_MAX)).max(CLASS_WORDS_MAX),
  })
  .strict()
  .meta({ id: 'ModerationSettings' });
export type ModerationSettings = z.infer<typeof ModerationSettingsSchema>;

export const PauseRequestSchema = z
  .object({ minutes: z.int().min(0).max(BACKSTAGE_LIMITS.pauseMinutesMax) })
  .strict()
  .meta({ id: 'PauseRequest' });
export const PauseResultSchema = z.object({ until: z.number().nullable() }).meta({ id: 'PauseResult' });

/**
 * The backstage part of a personal export: the person's questions, answers, votes, reports and the
 * moderation actions that concern them. A hidden post is listed with its text withheld: a facilitator
 * took it down, and an export must not bring it back to a student's screen.
 */
export const BackstageExportSchema = z.object({
  questions: z.array(
    z.object({
      sessionId: z.string(),
      questionId: z.string(),
      text: z.string().nullable(),
      anonymous: z.boolean(),
      status: ModerationStatusSchema,
      createdAt: z.string(),
    }),
  ),
  answers: z.array(
    z.object({
      sessionId: z.string(),
      questionId: z.string(),
      answerId: z.string(),
      text: z.string().nullable(),
      anonymous: z.boolean(),
      status: ModerationStatusSchema,
      createdAt: z.string(),
    }),
  ),
  votes: z.array(z.object({ sessionId: z.string(), questionId: z.string(), value: z.int() })),
  reports: z.array(
    z.object({ sessionId: z.string(), itemKind: z.string(), itemId: z.string(), reason: z.string() }),
  ),
  moderation: z.array(
    z.object({ classId: z.string(), action: z.string(), as: z.enum(['actor', 'subject']), at: z.string() }),
  ),
});
export type BackstageExport = z.infer<typeof BackstageExportSchema>;
