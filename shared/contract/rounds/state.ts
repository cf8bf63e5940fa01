import { z } from 'zod';
import { ClassIdSchema, SessionIdSchema } from '../ids';
import {
  IdempotencyKeySchema,
  MuddyIdSchema,
  PeerAnswerIdSchema,
  QuestionIdSchema,
  RoundIdSchema,
  RoundUserIdSchema,
  WordEntryIdSchema,
} from './ids';
import { ROUND_LIMITS } from './limits';
import {
  MuddyPhaseSchema,
  PiPhaseSchema,
  PollPhaseSchema,
  QuestionRoundPhaseSchema,
  RoundPhaseSchema,
  WordcloudPhaseSchema,
} from './phases';
import {
  MuddySettingsSchema,
  PiSettingsSchema,
  PollSettingsSchema,
  QuestionRoundSettingsSchema,
  WordcloudSettingsSchema,
} from './settings';

/** Milliseconds since the epoch. */
export const EpochMsSchema = z.int().min(0);

export const ConfidenceSchema = z.enum(['low', 'medium', 'high']).meta({ id: 'Confidence' });
export type Confidence = z.infer<typeof ConfidenceSchema>;

export const RecommendationSchema = z
  .enum(['reteach', 'discuss', 'explain_and_move_on'])
  .meta({ id: 'GateRecommendation' });
export type Recommendation = z.infer<typeof RecommendationSchema>;

export const GatingResultSchema = z
  .object({
    recommendation: RecommendationSchema,
    /** Share of answers that were correct, 0..1; null for an opinion question or nobody answering. */
    shareCorrect: z.number().min(0).max(1).nullable(),
    answered: z.int().min(0),
    correct: z.int().min(0),
    /** Why this recommendation, in one sentence for the facilitator. */
    reason: z.string(),
  })
  .meta({ id: 'GatingResult' });
export type GatingResult = z.infer<typeof GatingResultSchema>;

const key = IdempotencyKeySchema.nullable();

/** A student of the round; `seenAt` is null for someone listed at start who has not acted yet. */
export const RosterEntrySchema = z.object({
  userId: RoundUserIdSchema,
  name: z.string(),
  seenAt: EpochMsSchema.nullable(),
});
export type RosterEntry = z.infer<typeof RosterEntrySchema>;

const base = {
  id: RoundIdSchema,
  sessionId: SessionIdSchema,
  classId: ClassIdSchema,
  createdBy: RoundUserIdSchema,
  createdAt: EpochMsSchema,
  phaseStartedAt: EpochMsSchema,
  /** Deadline of the current phase, or null when the phase is not timed. */
  deadline: EpochMsSchema.nullable(),
  phaseLog: z.array(z.object({ phase: RoundPhaseSchema, at: EpochMsSchema })),
  /** Students known to the round (from the start roster or their first action), with display names. */
  roster: z.array(RosterEntrySchema),
  /** Students who could take part (class or meeting size) for participation rates; null when unknown. */
  eligibleCount: z.int().min(0).nullable(),
  /** True once a summary was handed to the notes, so it is written once. */
  writtenBack: z.boolean(),
};

export const PiAnswerSchema = z.object({
  userId: RoundUserIdSchema,
  option: z.int().min(0),
  confidence: ConfidenceSchema,
  at: EpochMsSchema,
  key,
});
export type PiAnswer = z.infer<typeof PiAnswerSchema>;

export const DiscussionGroupSchema = z.object({ members: z.array(RoundUserIdSchema).min(1) });
export type DiscussionGroup = z.infer<typeof DiscussionGroupSchema>;

export const PiStateSchema = z
  .object({
    ...base,
    kind: z.literal('peer_instruction'),
    phase: PiPhaseSchema,
    question: z.string(),
    options: z.array(z.string()).min(ROUND_LIMITS.optionsMin).max(ROUND_LIMITS.optionsMax),
    /** Index of the correct option; null for an opinion question. */
    correctOption: z.int().min(0).nullable(),
    settings: PiSettingsSchema,
    /** First votes, one per student, in arrival order. */
    answers: z.array(PiAnswerSchema),
    /** Re-votes, one per student, in arrival order. */
    revotes: z.array(PiAnswerSchema),
    gating: GatingResultSchema.nullable(),
    groups: z.array(DiscussionGroupSchema).nullable(),
  })
  .meta({ id: 'PiRoundState' });
export type PiState = z.infer<typeof PiStateSchema>;

const VoteSchema = z.object({
  userId: RoundUserIdSchema,
  value: z.union([z.literal(1), z.literal(-1)]),
  key,
});

export const NotesMatchSchema = z.object({ passageId: z.string(), score: z.number() });

export const QuestionSchema = z.object({
  id: QuestionIdSchema,
  authorId: RoundUserIdSchema,
  authorName: z.string(),
  text: z.string(),
  /** Anonymous to classmates; the service always knows the author (one account, one vote). */
  anonymous: z.boolean(),
  createdAt: EpochMsSchema,
  key,
  votes: z.array(VoteSchema),
  /** Set when the question was merged into an earlier near-duplicate; votes then go to that one. */
  duplicateOf: QuestionIdSchema.nullable(),
  /** Set when the session's notes already seem to answer it. */
  answeredInNotes: NotesMatchSchema.nullable(),
  assignedTo: z.array(RoundUserIdSchema),
  assignedAt: EpochMsSchema.nullable(),
});
export type Question = z.infer<typeof QuestionSchema>;

export const PeerAnswerSchema = z.object({
  id: PeerAnswerIdSchema,
  questionId: QuestionIdSchema,
  authorId: RoundUserIdSchema,
  authorName: z.string(),
  byFacilitator: z.boolean(),
  anonymous: z.boolean(),
  text: z.string(),
  createdAt: EpochMsSchema,
  key,
  ratings: z.array(VoteSchema),
  endorsed: z.boolean(),
});
export type PeerAnswer = z.infer<typeof PeerAnswerSchema>;

export const QuestionRoundStateSchema = z
  .object({
    ...base,
    kind: z.literal('question_round'),
    phase: QuestionRoundPhaseSchema,
    topic: z.string(),
    settings: QuestionRoundSettingsSchema,
    questions: z.array(QuestionSchema),
    answers: z.array(PeerAnswerSchema),
  })
  .meta({ id: 'QuestionRoundState' });
export type QuestionRoundState = z.infer<typeof QuestionRoundStateSchema>;

export const MuddyPointSchema = z.object({
  id: MuddyIdSchema,
  authorId: RoundUserIdSchema,
  authorName: z.string(),
  text: z.string(),
  /** Heading of the notes the student pointed at, if any. */
  headingId: z.string().nullable(),
  anonymous: z.boolean(),
  createdAt: EpochMsSchema,
  key,
});
export type MuddyPoint = z.infer<typeof MuddyPointSchema>;

export const MuddyStateSchema = z
  .object({
    ...base,
    kind: z.literal('muddiest_point'),
    phase: MuddyPhaseSchema,
    prompt: z.string(),
    settings: MuddySettingsSchema,
    points: z.array(MuddyPointSchema),
  })
  .meta({ id: 'MuddyRoundState' });
export type MuddyState = z.infer<typeof MuddyStateSchema>;

/** One student's choice in a quick poll; a student may change it while answering is open. */
export const PollAnswerSchema = z.object({
  userId: RoundUserIdSchema,
  option: z.int().min(0),
  at: EpochMsSchema,
  key,
});
export type PollAnswer = z.infer<typeof PollAnswerSchema>;

export const PollStateSchema = z
  .object({
    ...base,
    kind: z.literal('poll'),
    phase: PollPhaseSchema,
    question: z.string(),
    /** What a student picks from: the choices, or "1".."N" for a scale. */
    options: z.array(z.string()).min(ROUND_LIMITS.optionsMin).max(ROUND_LIMITS.pollOptionsMax),
    /** 5 or 10 for a 1-5 / 1-10 scale (option i is the value i + 1); null for multiple choice. */
    scale: z.union([z.literal(5), z.literal(10)]).nullable(),
    settings: PollSettingsSchema,
    /** One per student, in the order of their latest answer. */
    answers: z.array(PollAnswerSchema),
  })
  .meta({ id: 'PollRoundState' });
export type PollState = z.infer<typeof PollStateSchema>;

/**
 * Where a word-cloud entry stands: `visible` in the cloud, `held` back by the word filter until a
 * facilitator approves it, `hidden` by a facilitator. Only visible entries are ever counted or shown.
 */
export const WordEntryStatusSchema = z.enum(['visible', 'held', 'hidden']).meta({ id: 'WordEntryStatus' });
export type WordEntryStatus = z.infer<typeof WordEntryStatusSchema>;

export const WordEntrySchema = z.object({
  id: WordEntryIdSchema,
  authorId: RoundUserIdSchema,
  authorName: z.string(),
  text: z.string(),
  status: WordEntryStatusSchema,
  createdAt: EpochMsSchema,
  key,
});
export type WordEntry = z.infer<typeof WordEntrySchema>;

export const WordcloudStateSchema = z
  .object({
    ...base,
    kind: z.literal('wordcloud'),
    phase: WordcloudPhaseSchema,
    prompt: z.string(),
    settings: WordcloudSettingsSchema,
    entries: z.array(WordEntrySchema),
  })
  .meta({ id: 'WordcloudRoundState' });
export type WordcloudState = z.infer<typeof WordcloudStateSchema>;

/** The whole state of one round; the service persists it and runs `reduce` on it. */
export const RoundStateSchema = z
  .discriminatedUnion('kind', [
    PiStateSchema,
    QuestionRoundStateSchema,
    MuddyStateSchema,
    PollStateSchema,
    WordcloudStateSchema,
  ])
  .meta({ id: 'RoundState' });
export type RoundState = z.infer<typeof RoundStateSchema>;

/** A passage of the session's notes (a heading or a block of text) for duplicate detection. */
export const NotesPassageSchema = z.object({
  id: z.string().min(1).max(256),
  text: z.string().max(ROUND_LIMITS.notesPassageTextMax),
  /** Headings are short, so they are matched on how much of the question they cover. */
  heading: z.boolean().default(false),
});
export type NotesPassage = z.input<typeof NotesPassageSchema>;
