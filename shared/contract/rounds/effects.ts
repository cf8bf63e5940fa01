import { z } from 'zod';
import {
  MuddyAnalyticsSchema,
  PiAnalyticsSchema,
  PollAnalyticsSchema,
  WordcloudAnalyticsSchema,
} from './analyticsSchemas';
import { PeerAnswerIdSchema, QuestionIdSchema, RoundIdSchema, RoundUserIdSchema } from './ids';
import { RoundPhaseSchema } from './phases';
import { DiscussionGroupSchema, EpochMsSchema, RecommendationSchema } from './state';

/** An endorsed answer as written into the notes; `author` is null for an anonymous one. */
export const WriteBackAnswerSchema = z.object({
  answerId: PeerAnswerIdSchema,
  text: z.string(),
  author: z.string().nullable(),
  byFacilitator: z.boolean(),
});

export const WriteBackQuestionSchema = z.object({
  questionId: QuestionIdSchema,
  question: z.string(),
  /** Null when asked anonymously: the notes are read by classmates. */
  askedBy: z.string().nullable(),
  /** The notes passage the question matched, so the service can file it under that section. */
  sectionId: z.string().nullable(),
  answers: z.array(WriteBackAnswerSchema),
});

/** What the service appends to the session's notes, with provenance (round, ids, time). */
export const WriteBackSummarySchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('peer_instruction'),
      roundId: RoundIdSchema,
      at: EpochMsSchema,
      analytics: PiAnalyticsSchema,
    }),
    z.object({
      kind: z.literal('question_round'),
      roundId: RoundIdSchema,
      at: EpochMsSchema,
      topic: z.string(),
      /** Questions with endorsed answers, best ranked first. */
      entries: z.array(WriteBackQuestionSchema),
    }),
    z.object({
      kind: z.literal('muddiest_point'),
      roundId: RoundIdSchema,
      at: EpochMsSchema,
      analytics: MuddyAnalyticsSchema,
    }),
    z.object({
      kind: z.literal('poll'),
      roundId: RoundIdSchema,
      at: EpochMsSchema,
      analytics: PollAnalyticsSchema,
    }),
    z.object({
      kind: z.literal('wordcloud'),
      roundId: RoundIdSchema,
      at: EpochMsSchema,
      analytics: WordcloudAnalyticsSchema,
    }),
  ])
  .meta({ id: 'RoundWriteBack' });
export type WriteBackSummary = z.infer<typeof WriteBackSummarySchema>;

/** Who a notification goes to. Private facts (a partner, an assignment) only ever go to named users. */
export const NotifyAudienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('facilitators') }),
  z.object({ kind: z.literal('students') }),
  z.object({ kind: z.literal('users'), userIds: z.array(RoundUserIdSchema) }),
]);
export type NotifyAudience = z.infer<typeof NotifyAudienceSchema>;

export const NotifyMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('round_started') }),
  z.object({ type: z.literal('gate_ready'), recommendation: RecommendationSchema }),
  z.object({ type: z.literal('group_assigned'), groupIndex: z.int().min(0) }),
  z.object({ type: z.literal('questions_assigned'), questionIds: z.array(QuestionIdSchema) }),
  z.object({ type: z.literal('question_answered'), questionId: QuestionIdSchema }),
  z.object({ type: z.literal('answer_endorsed'), answerId: PeerAnswerIdSchema }),
  z.object({
    type: z.literal('duplicate_merged'),
    questionId: QuestionIdSchema,
    duplicateOf: QuestionIdSchema,
  }),
  z.object({ type: z.literal('answered_in_notes'), questionId: QuestionIdSchema, passageId: z.string() }),
  z.object({ type: z.literal('revealed') }),
  z.object({ type: z.literal('round_ended') }),
  z.object({ type: z.literal('round_cancelled') }),
]);
export type NotifyMessage = z.infer<typeof NotifyMessageSchema>;

/** Side effects `reduce` asks the service to carry out, in order, after it stored the new state. */
export const RoundEffectSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('phase_changed'),
      from: RoundPhaseSchema,
      to: RoundPhaseSchema,
      at: EpochMsSchema,
    }),
    /** Fire `closePhase { phase }` as the system at `at` (replaces any timer for this round). */
    z.object({ type: z.literal('schedule_deadline'), phase: RoundPhaseSchema, at: EpochMsSchema }),
    /** Drop the round's pending timer: the phase closed early or the round stopped. */
    z.object({ type: z.literal('cancel_deadline'), phase: RoundPhaseSchema }),
    z.object({ type: z.literal('groups_formed'), groups: z.array(DiscussionGroupSchema) }),
    z.object({ type: z.literal('group_joined'), groupIndex: z.int().min(0), userId: RoundUserIdSchema }),
    z.object({
      type: z.literal('questions_assigned'),
      assignments: z.array(z.object({ questionId: QuestionIdSchema, userIds: z.array(RoundUserIdSchema) })),
    }),
    z.object({ type: z.literal('write_back'), summary: WriteBackSummarySchema }),
    z.object({ type: z.literal('notify'), to: NotifyAudienceSchema, message: NotifyMessageSchema }),
  ])
  .meta({ id: 'RoundEffect' });
export type RoundEffect = z.infer<typeof RoundEffectSchema>;
