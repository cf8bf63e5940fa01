import { z } from 'zod';
import { ClassIdSchema, SessionIdSchema } from './ids';
import { defineOperation } from './operation';
import { RoundAnalyticsSchema, SessionAnalyticsSchema } from './rounds/analyticsSchemas';
import { RoundIdSchema } from './rounds/ids';
import { SessionStatusSchema } from './sessions';

const count = z.int().min(0);

/** How many flags ("I'm confused here") are open and resolved. */
export const FlagCountsSchema = z.object({ open: count, resolved: count }).meta({ id: 'FlagCounts' });
export type FlagCounts = z.infer<typeof FlagCountsSchema>;

/**
 * One section of a note: the blocks from a heading to the next heading of the same or a higher level.
 * The section before the first heading has a null heading.
 */
export const HeatSectionSchema = z
  .object({
    /** Position among the note's sections, from 0. */
    index: count,
    heading: z.string().nullable(),
    level: z.int().min(0).max(6),
    open: count,
    resolved: count,
  })
  .meta({ id: 'HeatSection' });
export type HeatSection = z.infer<typeof HeatSectionSchema>;

/** The confusion heat map of a note: flags per section, and flags whose text was deleted since. */
export const ConfusionHeatmapSchema = z
  .object({ sections: z.array(HeatSectionSchema), detached: FlagCountsSchema, total: FlagCountsSchema })
  .meta({ id: 'ConfusionHeatmap' });
export type ConfusionHeatmap = z.infer<typeof ConfusionHeatmapSchema>;

export const SessionDashboardSchema = z
  .object({
    sessionId: SessionIdSchema,
    classId: ClassIdSchema,
    title: z.string(),
    status: SessionStatusSchema,
    startedAt: z.iso.datetime(),
    /** Members of the class who are students: the denominator when a round does not know its own. */
    students: count,
    analytics: SessionAnalyticsSchema,
    /** Every round of the session, oldest first. No person is named. */
    rounds: z.array(RoundAnalyticsSchema),
    heatmap: ConfusionHeatmapSchema,
  })
  .meta({ id: 'SessionDashboard' });
export type SessionDashboard = z.infer<typeof SessionDashboardSchema>;

export const ClassDashboardSessionSchema = z.object({
  sessionId: SessionIdSchema,
  title: z.string(),
  status: SessionStatusSchema,
  startedAt: z.iso.datetime(),
  analytics: SessionAnalyticsSchema,
  flags: FlagCountsSchema,
});
export type ClassDashboardSession = z.infer<typeof ClassDashboardSessionSchema>;

export const ClassDashboardSchema = z
  .object({
    classId: ClassIdSchema,
    name: z.string(),
    students: count,
    /** The most recent sessions, newest first (at most `DASHBOARD_LIMITS.classSessions`). */
    sessions: z.array(ClassDashboardSessionSchema),
    /** All rounds of those sessions taken together. */
    totals: SessionAnalyticsSchema,
    flags: FlagCountsSchema,
  })
  .meta({ id: 'ClassDashboard' });
export type ClassDashboard = z.infer<typeof ClassDashboardSchema>;

/** An open flag the caller placed in some note. */
export const MyFlagSchema = z.object({
  annotationId: z.string(),
  sessionId: SessionIdSchema,
  sessionTitle: z.string(),
  classId: ClassIdSchema,
  className: z.string(),
  quote: z.string(),
  createdAt: z.iso.datetime().nullable(),
});
export type MyFlag = z.infer<typeof MyFlagSchema>;

export const MyQuestionAnswerSchema = z.object({
  text: z.string(),
  /** Null when the answer was posted anonymously (or the class is fully anonymous). */
  authorName: z.string().nullable(),
  byFacilitator: z.boolean(),
  endorsed: z.boolean(),
});

/** A question the caller asked in a question round, with the answers it got. */
export const MyQuestionSchema = z.object({
  roundId: RoundIdSchema,
  sessionId: SessionIdSchema,
  sessionTitle: z.string(),
  classId: ClassIdSchema,
  className: z.string(),
  topic: z.string(),
  text: z.string(),
  anonymous: z.boolean(),
  askedAt: z.iso.datetime(),
  answers: z.array(MyQuestionAnswerSchema),
});
export type MyQuestion = z.infer<typeof MyQuestionSchema>;

export const MyRecentSessionSchema = z.object({
  sessionId: SessionIdSchema,
  classId: ClassIdSchema,
  className: z.string(),
  title: z.string(),
  status: SessionStatusSchema,
  startedAt: z.iso.datetime(),
});
export type MyRecentSession = z.infer<typeof MyRecentSessionSchema>;

export const MyActivitySchema = z
  .object({
    recentSessions: z.array(MyRecentSessionSchema),
    openFlags: z.array(MyFlagSchema),
    questions: z.array(MyQuestionSchema),
  })
  .meta({ id: 'MyActivity' });
export type MyActivity = z.infer<typeof MyActivitySchema>;

/** How far the personal tab and the class dashboard look back. */
export const DASHBOARD_LIMITS = {
  /** Classes the personal tab scans. */
  myClasses: 20,
  /** Sessions per class the personal tab scans. */
  sessionsPerClass: 5,
  /** Recent sessions the personal tab lists (and reads flags and questions from). */
  recentSessions: 10,
  /** Sessions the class dashboard summarises. */
  classSessions: 20,
} as const;

/** Column names of the round results CSV, in order. */
export const ROUND_CSV_COLUMNS = [
  'round_id',
  'kind',
  'round',
  'started_at',
  'item_type',
  'item',
  'before',
  'after',
  'correct',
  'author',
] as const;

export const RoundResultsCsvSchema = z.string().meta({ id: 'RoundResultsCsv' });

const sessionParams = z.object({ sessionId: SessionIdSchema }).strict();
const classParams = z.object({ classId: ClassIdSchema }).strict();

/** Facilitator dashboard and personal tab; merged into `operations` in api.ts. */
export const dashboardOperations = {
  getSessionDashboard: defineOperation({
    method: 'get',
    path: '/api/v1/sessions/:sessionId/dashboard',
    summary:
      "A session's dashboard: participation, vote-to-revote change per question, peer answers, and the confusion heat map of its notes (facilitators)",
    tag: 'dashboard',
    auth: 'user',
    access: 'facilitator',
    params: sessionParams,
    response: SessionDashboardSchema,
    status: 200,
    errors: ['not_found', 'insufficient_role'],
  }),
  getClassDashboard: defineOperation({
    method: 'get',
    path: '/api/v1/classes/:classId/dashboard',
    summary: "A class's dashboard over its recent sessions (facilitators)",
    tag: 'dashboard',
    auth: 'user',
    access: 'facilitator',
    params: classParams,
    response: ClassDashboardSchema,
    status: 200,
    errors: ['not_found', 'insufficient_role'],
  }),
  exportRoundResults: defineOperation({
    method: 'get',
    path: '/api/v1/sessions/:sessionId/rounds.csv',
    summary:
      "The session's round results as CSV (options with votes before and after, questions, muddy points); authors only where the class's anonymity allows (facilitators)",
    tag: 'dashboard',
    auth: 'user',
    access: 'facilitator',
    params: sessionParams,
    response: RoundResultsCsvSchema,
    contentType: 'text/csv',
    status: 200,
    errors: ['not_found', 'insufficient_role'],
  }),
  getMyActivity: defineOperation({
    method: 'get',
    path: '/api/v1/me/activity',
    summary: "The caller's recent sessions, open flags and questions with their answers (personal tab)",
    tag: 'dashboard',
    auth: 'user',
    access: 'self',
    response: MyActivitySchema,
    status: 200,
    errors: [],
  }),
} as const;
