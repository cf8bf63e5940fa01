import { z } from 'zod';
import { RoundIdSchema } from './ids';
import { RoundKindSchema } from './phases';

const share = z.number().min(0).max(1).nullable();
const count = z.int().min(0);

export const VoteSummarySchema = z.object({
  /** Answers per option, by option index. */
  counts: z.array(count),
  answered: count,
  /** Share of answers that were correct; null without a correct option or answers. */
  shareCorrect: share,
});
export type VoteSummary = z.infer<typeof VoteSummarySchema>;

/** Students who answered both votes, by how their answer moved. */
export const SwitchMatrixSchema = z.object({
  matched: count,
  wrongToRight: count,
  rightToWrong: count,
  rightToRight: count,
  /** Wrong both times, to a different wrong option. */
  wrongToOtherWrong: count,
  /** Wrong both times, same option. */
  wrongToSameWrong: count,
});
export type SwitchMatrix = z.infer<typeof SwitchMatrixSchema>;

/** Mean confidence on a 1 (low) to 3 (high) scale, overall and split by correctness. */
export const ConfidenceStatsSchema = z.object({
  mean: z.number().nullable(),
  meanCorrect: z.number().nullable(),
  meanWrong: z.number().nullable(),
});
export type ConfidenceStats = z.infer<typeof ConfidenceStatsSchema>;

export const PhaseParticipationSchema = z.object({ count, rate: share });

export const PiAnalyticsSchema = z
  .object({
    roundId: RoundIdSchema,
    kind: z.literal('peer_instruction'),
    question: z.string(),
    options: z.array(z.string()),
    correctOption: z.int().nullable(),
    before: VoteSummarySchema,
    /** Null when the round never reached the re-vote. */
    after: VoteSummarySchema.nullable(),
    /** Null without a correct option or without a re-vote. */
    switches: SwitchMatrixSchema.nullable(),
    /** transitions[from][to]: students who answered `from` first and `to` in the re-vote. */
    transitions: z.array(z.array(count)),
    /** Students who answered both votes and changed their option. */
    changedAnswer: count,
    /** (post - pre) / (1 - pre) over students who answered both votes; null when undefined (pre = 1). */
    normalizedChange: z.number().nullable(),
    confidenceBefore: ConfidenceStatsSchema,
    confidenceAfter: ConfidenceStatsSchema.nullable(),
    /** Mean confidence after minus before, over students who answered both votes. */
    confidenceShift: z.number().nullable(),
    participation: z.object({
      eligible: count.nullable(),
      answering: PhaseParticipationSchema,
      discussion: PhaseParticipationSchema.nullable(),
      revote: PhaseParticipationSchema.nullable(),
    }),
  })
  .meta({ id: 'PiAnalytics' });
export type PiAnalytics = z.infer<typeof PiAnalyticsSchema>;

export const QuestionRoundAnalyticsSchema = z
  .object({
    roundId: RoundIdSchema,
    kind: z.literal('question_round'),
    topic: z.string(),
    /** Distinct questions (merged duplicates not counted). */
    questions: count,
    duplicatesMerged: count,
    pointedToNotes: count,
    askers: count,
    votes: count,
    answeredByPeers: count,
    shareAnsweredByPeers: share,
    medianTimeToFirstPeerAnswerMs: z.number().nullable(),
    endorsed: count,
    facilitatorAnswers: count,
    participation: z.object({ eligible: count.nullable(), active: count, rate: share }),
  })
  .meta({ id: 'QuestionRoundAnalytics' });
export type QuestionRoundAnalytics = z.infer<typeof QuestionRoundAnalyticsSchema>;

export const MuddyClusterSchema = z.object({
  representative: z.string(),
  headingId: z.string().nullable(),
  ids: z.array(z.string()),
  count,
});

export const MuddyAnalyticsSchema = z
  .object({
    roundId: RoundIdSchema,
    kind: z.literal('muddiest_point'),
    prompt: z.string(),
    submissions: count,
    clusters: z.array(MuddyClusterSchema),
    participation: z.object({ eligible: count.nullable(), active: count, rate: share }),
  })
  .meta({ id: 'MuddyAnalytics' });
export type MuddyAnalytics = z.infer<typeof MuddyAnalyticsSchema>;

const participation = z.object({ eligible: count.nullable(), active: count, rate: share });

/** Answers per option of a quick poll; `mean` is the average value of a scale poll. */
export const PollResultsSchema = z
  .object({ counts: z.array(count), answered: count, mean: z.number().nullable() })
  .meta({ id: 'PollResults' });
export type PollResults = z.infer<typeof PollResultsSchema>;

export const PollAnalyticsSchema = z
  .object({
    roundId: RoundIdSchema,
    kind: z.literal('poll'),
    question: z.string(),
    options: z.array(z.string()),
    scale: z.union([z.literal(5), z.literal(10)]).nullable(),
    results: PollResultsSchema,
    participation,
  })
  .meta({ id: 'PollAnalytics' });
export type PollAnalytics = z.infer<typeof PollAnalyticsSchema>;

/** One word of a cloud: the entries grouped under one key, shown by their most common form. */
export const WordGroupSchema = z
  .object({ key: z.string(), label: z.string(), count })
  .meta({ id: 'WordGroup' });

export const WordcloudAnalyticsSchema = z
  .object({
    roundId: RoundIdSchema,
    kind: z.literal('wordcloud'),
    prompt: z.string(),
    /** Entries in the cloud (visible ones). */
    entries: count,
    /** Entries the word filter held back that no facilitator approved. */
    held: count,
    /** Entries a facilitator hid. */
    hidden: count,
    words: z.array(WordGroupSchema),
    participation,
  })
  .meta({ id: 'WordcloudAnalytics' });
export type WordcloudAnalytics = z.infer<typeof WordcloudAnalyticsSchema>;

export const RoundAnalyticsSchema = z
  .discriminatedUnion('kind', [
    PiAnalyticsSchema,
    QuestionRoundAnalyticsSchema,
    MuddyAnalyticsSchema,
    PollAnalyticsSchema,
    WordcloudAnalyticsSchema,
  ])
  .meta({ id: 'RoundAnalytics' });
export type RoundAnalytics = z.infer<typeof RoundAnalyticsSchema>;

export const SessionAnalyticsSchema = z
  .object({
    rounds: z.record(RoundKindSchema, count),
    /** Rounds that ran to their end (not cancelled). */
    completed: count,
    peerInstruction: z.object({
      rounds: count,
      meanShareCorrectBefore: share,
      meanShareCorrectAfter: share,
      meanNormalizedChange: z.number().nullable(),
      wrongToRight: count,
      rightToWrong: count,
    }),
    questions: z.object({
      total: count,
      answeredByPeers: count,
      shareAnsweredByPeers: share,
      medianTimeToFirstPeerAnswerMs: z.number().nullable(),
      endorsed: count,
    }),
    muddyPoints: count,
    /** Answers given in quick polls. */
    pollAnswers: count,
    /** Words in word clouds (visible entries). */
    cloudWords: count,
    /** Mean first-phase participation rate over rounds that know their eligible count. */
    meanParticipation: share,
  })
  .meta({ id: 'SessionRoundAnalytics' });
export type SessionAnalytics = z.infer<typeof SessionAnalyticsSchema>;
