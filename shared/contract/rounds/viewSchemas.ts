import { z } from 'zod';
import { ClassIdSchema, SessionIdSchema } from '../ids';
import {
  MuddyClusterSchema,
  PiAnalyticsSchema,
  PollResultsSchema,
  WordGroupSchema,
} from './analyticsSchemas';
import {
  MuddyIdSchema,
  PeerAnswerIdSchema,
  QuestionIdSchema,
  RoundIdSchema,
  RoundUserIdSchema,
  WordEntryIdSchema,
} from './ids';
import { RoundPhaseSchema } from './phases';
import {
  ConfidenceSchema,
  EpochMsSchema,
  GatingResultSchema,
  NotesMatchSchema,
  WordEntryStatusSchema,
} from './state';

/** Who looks at a round. Owners count as facilitators. */
export const ViewerSchema = z.object({ userId: RoundUserIdSchema, role: z.enum(['student', 'facilitator']) });
export type Viewer = z.infer<typeof ViewerSchema>;

export const PersonSchema = z.object({ userId: RoundUserIdSchema, name: z.string() });
export type Person = z.infer<typeof PersonSchema>;

const common = {
  roundId: RoundIdSchema,
  sessionId: SessionIdSchema,
  classId: ClassIdSchema,
  phase: RoundPhaseSchema,
  phaseStartedAt: EpochMsSchema,
  deadline: EpochMsSchema.nullable(),
  viewer: ViewerSchema,
};

const MyVoteSchema = z.object({ option: z.int().min(0), confidence: ConfidenceSchema });

export const PiViewSchema = z
  .object({
    ...common,
    kind: z.literal('peer_instruction'),
    question: z.string(),
    options: z.array(z.string()),
    /** Students see it only once the results are revealed. */
    correctOption: z.int().nullable(),
    answeredCount: z.int().min(0),
    revotedCount: z.int().min(0),
    /** The viewing student's own state; null for facilitators. */
    me: z
      .object({
        answer: MyVoteSchema.nullable(),
        revote: MyVoteSchema.nullable(),
        /** Who to discuss with; names only, never their answers. */
        group: z.object({ index: z.int().min(0), partners: z.array(PersonSchema) }).nullable(),
      })
      .nullable(),
    /** Distributions, switches and change: facilitators live, students after reveal. */
    results: PiAnalyticsSchema.nullable(),
    /** Facilitators only. */
    gating: GatingResultSchema.nullable(),
    /** Facilitators only: every student's votes and group. */
    students: z
      .array(
        PersonSchema.extend({
          answer: MyVoteSchema.nullable(),
          revote: MyVoteSchema.nullable(),
          groupIndex: z.int().min(0).nullable(),
        }),
      )
      .nullable(),
    /** Facilitators only. */
    groups: z.array(z.object({ members: z.array(PersonSchema) })).nullable(),
  })
  .meta({ id: 'PiRoundView' });
export type PiView = z.infer<typeof PiViewSchema>;

const helpful = z.object({ up: z.int().min(0), down: z.int().min(0) });

export const PeerAnswerViewSchema = z.object({
  id: PeerAnswerIdSchema,
  text: z.string(),
  /** Null when anonymous, unless the viewer is a facilitator of a class that is not fully anonymous. */
  author: PersonSchema.nullable(),
  mine: z.boolean(),
  byFacilitator: z.boolean(),
  endorsed: z.boolean(),
  ratings: helpful,
  myRating: z.union([z.literal(1), z.literal(-1), z.literal(0)]),
  createdAt: EpochMsSchema,
});
export type PeerAnswerView = z.infer<typeof PeerAnswerViewSchema>;

export const QuestionViewSchema = z.object({
  id: QuestionIdSchema,
  text: z.string(),
  /** Null when anonymous, unless the viewer is a facilitator of a class that is not fully anonymous. */
  author: PersonSchema.nullable(),
  anonymous: z.boolean(),
  mine: z.boolean(),
  createdAt: EpochMsSchema,
  votes: helpful,
  score: z.number(),
  myVote: z.union([z.literal(1), z.literal(-1), z.literal(0)]),
  duplicateOf: QuestionIdSchema.nullable(),
  answeredInNotes: NotesMatchSchema.nullable(),
  assignedToMe: z.boolean(),
  /** Facilitators only. */
  assignedTo: z.array(PersonSchema).nullable(),
  answers: z.array(PeerAnswerViewSchema),
});
export type QuestionView = z.infer<typeof QuestionViewSchema>;

export const QuestionRoundViewSchema = z
  .object({
    ...common,
    kind: z.literal('question_round'),
    topic: z.string(),
    allowAnonymous: z.boolean(),
    /** Distinct questions best first, then merged duplicates. */
    questions: z.array(QuestionViewSchema),
    myAssignments: z.array(QuestionIdSchema),
  })
  .meta({ id: 'QuestionRoundView' });
export type QuestionRoundView = z.infer<typeof QuestionRoundViewSchema>;

export const MuddyPointViewSchema = z.object({
  id: MuddyIdSchema,
  text: z.string(),
  headingId: z.string().nullable(),
  author: PersonSchema.nullable(),
  createdAt: EpochMsSchema,
});

export const MuddyViewSchema = z
  .object({
    ...common,
    kind: z.literal('muddiest_point'),
    prompt: z.string(),
    allowAnonymous: z.boolean(),
    submittedCount: z.int().min(0),
    mine: z.object({ text: z.string(), headingId: z.string().nullable(), anonymous: z.boolean() }).nullable(),
    /** Facilitators only. */
    points: z.array(MuddyPointViewSchema).nullable(),
    /** Facilitators only: ranked, grouped list. */
    clusters: z.array(MuddyClusterSchema).nullable(),
  })
  .meta({ id: 'MuddyRoundView' });
export type MuddyView = z.infer<typeof MuddyViewSchema>;

export const PollViewSchema = z
  .object({
    ...common,
    kind: z.literal('poll'),
    question: z.string(),
    options: z.array(z.string()),
    scale: z.union([z.literal(5), z.literal(10)]).nullable(),
    /** Anonymous polls name nobody; named ones show facilitators who chose what once answers close. */
    anonymous: z.boolean(),
    answeredCount: z.int().min(0),
    /** The viewing student's own answer (option index); null if none, and for facilitators. */
    myAnswer: z.int().min(0).nullable(),
    /** Hidden while answering from everyone; facilitators from the close of answers, students after reveal. */
    results: PollResultsSchema.nullable(),
    /** Facilitators of a named poll, once answers close: who chose what. */
    voters: z.array(PersonSchema.extend({ option: z.int().min(0) })).nullable(),
  })
  .meta({ id: 'PollRoundView' });
export type PollView = z.infer<typeof PollViewSchema>;

export const WordEntryViewSchema = z.object({
  id: WordEntryIdSchema,
  text: z.string(),
  status: WordEntryStatusSchema,
  /** The group the entry counts under in the cloud (empty when it carries no meaning). */
  key: z.string(),
  /** Null unless the viewer is a facilitator of a class that is not fully anonymous. */
  author: PersonSchema.nullable(),
  createdAt: EpochMsSchema,
});
export type WordEntryView = z.infer<typeof WordEntryViewSchema>;

export const WordcloudViewSchema = z
  .object({
    ...common,
    kind: z.literal('wordcloud'),
    prompt: z.string(),
    entriesPerStudent: z.int().min(1),
    /** Entries taken so far (hidden ones not counted); a count, never whose. */
    submittedCount: z.int().min(0),
    /** The viewing student's own entries, with where each stands; null for facilitators. */
    mine: z
      .array(z.object({ id: WordEntryIdSchema, text: z.string(), status: WordEntryStatusSchema }))
      .nullable(),
    /** The cloud, visible entries only: facilitators always, students after the reveal. */
    cloud: z.array(WordGroupSchema).nullable(),
    /** Facilitators only: every entry, for moderation (held ones wait for approval). */
    entries: z.array(WordEntryViewSchema).nullable(),
  })
  .meta({ id: 'WordcloudRoundView' });
export type WordcloudView = z.infer<typeof WordcloudViewSchema>;

/** A round as one viewer may see it: what the service sends and the bot and tab render. */
export const RoundViewSchema = z
  .discriminatedUnion('kind', [
    PiViewSchema,
    QuestionRoundViewSchema,
    MuddyViewSchema,
    PollViewSchema,
    WordcloudViewSchema,
  ])
  .meta({ id: 'RoundView' });
export type RoundView = z.infer<typeof RoundViewSchema>;
