import { z } from 'zod';
import {
  IdempotencyKeySchema,
  PeerAnswerIdSchema,
  QuestionIdSchema,
  RoundUserIdSchema,
  WordEntryIdSchema,
} from './ids';
import { ROUND_LIMITS } from './limits';
import { RoundPhaseSchema } from './phases';
import { ConfidenceSchema, type NotesPassage } from './state';

const key = IdempotencyKeySchema.optional();
const text = (max: number) => z.string().trim().min(1).max(max);

export const RosterMemberSchema = z.object({ userId: RoundUserIdSchema, name: z.string().max(200) });

/** Facilitator: open a created round. The roster (class or meeting members) feeds assignment and rates. */
export const StartEventSchema = z
  .object({
    type: z.literal('start'),
    roster: z.array(RosterMemberSchema).max(ROUND_LIMITS.rosterMax).optional(),
    eligibleCount: z.int().min(0).max(1_000_000).optional(),
  })
  .strict();
/** Student: I am here (a late joiner asking for their view); joins a discussion group when one is running. */
export const JoinEventSchema = z.object({ type: z.literal('join') }).strict();
/** Student: first vote of a Peer Instruction round. */
export const AnswerEventSchema = z
  .object({
    type: z.literal('answer'),
    option: z.int().min(0),
    confidence: ConfidenceSchema,
    idempotencyKey: key,
  })
  .strict();
/** Student: the re-vote after discussion. */
export const RevoteEventSchema = z
  .object({
    type: z.literal('revote'),
    option: z.int().min(0),
    confidence: ConfidenceSchema,
    idempotencyKey: key,
  })
  .strict();
/** Timer (system) or facilitator: close the named timed phase; a stale close of an earlier phase is refused. */
export const ClosePhaseEventSchema = z
  .object({ type: z.literal('closePhase'), phase: RoundPhaseSchema })
  .strict();
/** Facilitator: move on, to `to` when given (e.g. from the gate straight to `revealed`), else the default next. */
export const AdvanceEventSchema = z
  .object({ type: z.literal('advance'), to: RoundPhaseSchema.optional() })
  .strict();
/** Student: post a question in a question round. */
export const AskEventSchema = z
  .object({
    type: z.literal('ask'),
    text: text(ROUND_LIMITS.questionTextMax),
    anonymous: z.boolean().default(false),
    idempotencyKey: key,
  })
  .strict();
/** Student: up-vote (1), down-vote (-1) or withdraw a vote (0) on a question. */
export const VoteEventSchema = z
  .object({
    type: z.literal('vote'),
    questionId: QuestionIdSchema,
    value: z.union([z.literal(1), z.literal(-1), z.literal(0)]),
    idempotencyKey: key,
  })
  .strict();
/** Facilitator: hand a question to named peer answerers. */
export const AssignEventSchema = z
  .object({
    type: z.literal('assign'),
    questionId: QuestionIdSchema,
    userIds: z.array(RoundUserIdSchema).min(1).max(50),
  })
  .strict();
/** Assigned student, or a facilitator answering directly. */
export const AnswerQuestionEventSchema = z
  .object({
    type: z.literal('answerQuestion'),
    questionId: QuestionIdSchema,
    text: text(ROUND_LIMITS.peerAnswerTextMax),
    anonymous: z.boolean().default(false),
    idempotencyKey: key,
  })
  .strict();
/** Student: rate a peer answer helpful (1) or not (-1). */
export const RateEventSchema = z
  .object({
    type: z.literal('rate'),
    answerId: PeerAnswerIdSchema,
    value: z.union([z.literal(1), z.literal(-1)]),
    idempotencyKey: key,
  })
  .strict();
/** Facilitator: endorse (or withdraw the endorsement of) an answer. */
export const EndorseEventSchema = z
  .object({ type: z.literal('endorse'), answerId: PeerAnswerIdSchema, endorsed: z.boolean().default(true) })
  .strict();
/** Facilitator: stop the round without a summary. */
export const CancelEventSchema = z.object({ type: z.literal('cancel') }).strict();
/** Facilitator: push the current phase's deadline back (from now, if it already passed). */
export const ExtendDeadlineEventSchema = z
  .object({ type: z.literal('extendDeadline'), byMs: z.int().min(1000).max(ROUND_LIMITS.extendMaxMs) })
  .strict();
/** Student: name the muddiest point, optionally pointing at a heading of the notes. */
export const SubmitMuddyEventSchema = z
  .object({
    type: z.literal('submitMuddy'),
    text: text(ROUND_LIMITS.muddyTextMax),
    headingId: z.string().min(1).max(256).optional(),
    /** Defaults to the round's `allowAnonymous`: anonymous unless the facilitator asked for names. */
    anonymous: z.boolean().optional(),
    idempotencyKey: key,
  })
  .strict();

/** Student: pick (or change) an answer of a quick poll; for a scale, option i is the value i + 1. */
export const PollAnswerEventSchema = z
  .object({ type: z.literal('pollAnswer'), option: z.int().min(0), idempotencyKey: key })
  .strict();
/** Student: add a word or short phrase to a word cloud. */
export const SubmitWordEventSchema = z
  .object({ type: z.literal('submitWord'), text: text(ROUND_LIMITS.wordcloudTextMax), idempotencyKey: key })
  .strict();
/** Facilitator: hide a word-cloud entry, or show it (restore a hidden one, approve a held one). */
export const ModerateWordEventSchema = z
  .object({ type: z.literal('moderateWord'), entryId: WordEntryIdSchema, visible: z.boolean() })
  .strict();

/** Every event a round accepts, discriminated on `type`. */
export const RoundEventSchema = z
  .discriminatedUnion('type', [
    StartEventSchema,
    JoinEventSchema,
    AnswerEventSchema,
    RevoteEventSchema,
    ClosePhaseEventSchema,
    AdvanceEventSchema,
    AskEventSchema,
    VoteEventSchema,
    AssignEventSchema,
    AnswerQuestionEventSchema,
    RateEventSchema,
    EndorseEventSchema,
    CancelEventSchema,
    ExtendDeadlineEventSchema,
    SubmitMuddyEventSchema,
    PollAnswerEventSchema,
    SubmitWordEventSchema,
    ModerateWordEventSchema,
  ])
  .meta({ id: 'RoundEvent' });
/** A parsed event (ids branded, defaults filled). */
export type RoundEvent = z.output<typeof RoundEventSchema>;
/** An event as callers write it (plain strings for ids, defaults optional). */
export type RoundEventInput = z.input<typeof RoundEventSchema>;
export type RoundEventType = RoundEvent['type'];
export const ROUND_EVENT_TYPES = RoundEventSchema.options.map((o) => o.shape.type.value);

/** Who acts: a student, a facilitator (owner or facilitator of the class), or the service's timer. */
export const ActorRoleSchema = z.enum(['student', 'facilitator', 'system']);
export type ActorRole = z.infer<typeof ActorRoleSchema>;

export const ActorSchema = z.object({
  userId: RoundUserIdSchema,
  role: ActorRoleSchema,
  /** Display name, recorded for partners and write-back provenance. */
  name: z.string().max(200).default(''),
});
export type Actor = z.input<typeof ActorSchema>;

/** Everything `reduce` needs besides state and event, so that it stays pure and deterministic. */
export interface ReduceContext {
  /** Epoch milliseconds of the event, from the service's clock. */
  now: number;
  actor: Actor;
  /** Seed for grouping and assignment; the service stores it with the event so a replay is identical. */
  seed: number;
  /** The session's notes as passages, for "already answered in the notes" when a question is asked. */
  notes?: readonly NotesPassage[];
  /** For `submitWord`: the service's word filter matched, so the entry waits for a facilitator's approval. */
  held?: boolean;
}
