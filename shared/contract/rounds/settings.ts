import { z } from 'zod';
import { ROUND_LIMITS } from './limits';

/**
 * Evidence-based defaults, in milliseconds. Peer Instruction: 60-90 s to answer alone, 2-4 min of peer
 * discussion, a shorter re-vote (Crouch & Mazur 2001). A question round needs minutes to write and vote;
 * the muddiest point is a "last minutes of class" exercise (Angelo & Cross 1993).
 */
export const DEFAULT_DURATIONS_MS = {
  peer_instruction: { answering: 75_000, discussion: 180_000, revote: 60_000 },
  question_round: { asking: 300_000, answering: 300_000 },
  muddiest_point: { collecting: 120_000 },
  poll: { answering: 60_000 },
  wordcloud: { collecting: 90_000 },
} as const;

/** Gate thresholds on the share correct (Vickrey et al. 2015): below re-teach, above move on. */
export const DEFAULT_GATING = { reteachBelow: 0.35, moveOnAbove: 0.7 } as const;

const duration = z.int().min(ROUND_LIMITS.durationMinMs).max(ROUND_LIMITS.durationMaxMs);
const share = z.number().min(0).max(1);

export const GatingThresholdsSchema = z
  .object({
    reteachBelow: share.default(DEFAULT_GATING.reteachBelow),
    moveOnAbove: share.default(DEFAULT_GATING.moveOnAbove),
  })
  .strict()
  .refine((t) => t.reteachBelow <= t.moveOnAbove, { message: 'reteachBelow must not exceed moveOnAbove' })
  .meta({ id: 'RoundGatingThresholds' });
export type GatingThresholds = z.infer<typeof GatingThresholdsSchema>;

const pi = DEFAULT_DURATIONS_MS.peer_instruction;
export const PiSettingsSchema = z
  .object({
    durations: z
      .object({
        answering: duration.default(pi.answering),
        discussion: duration.default(pi.discussion),
        revote: duration.default(pi.revote),
      })
      .strict()
      .prefault({}),
    gating: GatingThresholdsSchema.prefault({}),
  })
  .strict()
  .meta({ id: 'PiSettings' });
export type PiSettings = z.infer<typeof PiSettingsSchema>;

const qr = DEFAULT_DURATIONS_MS.question_round;
export const QuestionRoundSettingsSchema = z
  .object({
    durations: z
      .object({ asking: duration.default(qr.asking), answering: duration.default(qr.answering) })
      .strict()
      .prefault({}),
    /** How many of the top-ranked questions go to peer answerers when asking closes. */
    topQuestions: z.int().min(1).max(50).default(5),
    /** Peer answerers per assigned question. */
    answerersPerQuestion: z.int().min(1).max(10).default(2),
    /** Age at which a question's ranking score has halved. */
    rankingHalfLifeMs: z
      .int()
      .min(60_000)
      .max(24 * 3_600_000)
      .default(15 * 60_000),
    /** Whether students may post anonymously to classmates. */
    allowAnonymous: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'QuestionRoundSettings' });
export type QuestionRoundSettings = z.infer<typeof QuestionRoundSettingsSchema>;

export const MuddySettingsSchema = z
  .object({
    durations: z
      .object({ collecting: duration.default(DEFAULT_DURATIONS_MS.muddiest_point.collecting) })
      .strict()
      .prefault({}),
    allowAnonymous: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'MuddySettings' });
export type MuddySettings = z.infer<typeof MuddySettingsSchema>;

export const PollSettingsSchema = z
  .object({
    durations: z
      .object({ answering: duration.default(DEFAULT_DURATIONS_MS.poll.answering) })
      .strict()
      .prefault({}),
    /** Anonymous polls name nobody, not even to facilitators; named ones show facilitators who chose what. */
    anonymous: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'PollSettings' });
export type PollSettings = z.infer<typeof PollSettingsSchema>;

export const WordcloudSettingsSchema = z
  .object({
    durations: z
      .object({ collecting: duration.default(DEFAULT_DURATIONS_MS.wordcloud.collecting) })
      .strict()
      .prefault({}),
    /** Words one student may add to the cloud. */
    entriesPerStudent: z.int().min(1).max(ROUND_LIMITS.wordcloudEntriesPerStudentMax).default(3),
  })
  .strict()
  .meta({ id: 'WordcloudSettings' });
export type WordcloudSettings = z.infer<typeof WordcloudSettingsSchema>;
