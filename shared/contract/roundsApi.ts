import { z } from 'zod';
import { ClassIdSchema, SessionIdSchema } from './ids';
import { defineOperation } from './operation';
import { RoundAnalyticsSchema, SessionAnalyticsSchema } from './rounds/analyticsSchemas';
import { RoundCreateSchema } from './rounds/create';
import { RoundEventSchema, RosterMemberSchema } from './rounds/events';
import { IdempotencyKeySchema, RoundIdSchema } from './rounds/ids';
import { RefusalReasonSchema } from './rounds/refusals';
import { RoundViewSchema } from './rounds/viewSchemas';

const sessionParams = z.object({ sessionId: SessionIdSchema }).strict();
const roundParams = z.object({ roundId: RoundIdSchema }).strict();
const classParams = z.object({ classId: ClassIdSchema }).strict();

/** Start a round: its definition, and optionally start it at once with the roster the bot knows. */
export const RoundStartRequestSchema = z
  .object({
    round: RoundCreateSchema,
    /** Start right away (the usual case); false leaves it in `ready` for a later `start` event. */
    start: z.boolean().default(true),
    /** Students who can take part (from Teams), for participation rates and pairing late joiners. */
    roster: z.array(RosterMemberSchema).max(5000).optional(),
    eligibleCount: z.int().min(0).max(100_000).optional(),
  })
  .strict()
  .meta({ id: 'RoundStartRequest' });
export type RoundStartRequest = z.input<typeof RoundStartRequestSchema>;

/** One event for a round, as the caller (student or facilitator, from their class role) sends it. */
export const RoundEventRequestSchema = z
  .object({
    event: RoundEventSchema,
    /** Makes a retried request (bot retries, double clicks) a no-op that answers like the first one. */
    idempotencyKey: IdempotencyKeySchema.optional(),
  })
  .strict()
  .meta({ id: 'RoundEventRequest' });
export type RoundEventRequest = z.input<typeof RoundEventRequestSchema>;

export const RoundEventResultSchema = z
  .object({ view: RoundViewSchema, duplicate: z.boolean() })
  .meta({ id: 'RoundEventResult' });

/** Details of a `round_refused` error: the state machine's typed reason. */
export const RoundRefusalDetailsSchema = z
  .object({ reason: RefusalReasonSchema })
  .meta({ id: 'RoundRefusalDetails' });

export const RoundListSchema = z.object({ items: z.array(RoundViewSchema) }).meta({ id: 'RoundList' });

/** Where the bot posted a round's card, so any bot instance can update it in place later. */
export const RoundCardRefSchema = z
  .object({ conversationId: z.string().min(1).max(512), activityId: z.string().min(1).max(512) })
  .strict()
  .meta({ id: 'RoundCardRef' });
export type RoundCardRef = z.infer<typeof RoundCardRefSchema>;

/** A Bot Framework conversation reference, kept by the service so the bot itself holds no state. */
export const ConversationReferenceSchema = z
  .object({ reference: z.record(z.string(), z.unknown()) })
  .strict()
  .meta({ id: 'StoredConversationReference' });

/** Round operations; merged into `operations` in api.ts. */
export const roundOperations = {
  startRound: defineOperation({
    method: 'post',
    path: '/api/v1/sessions/:sessionId/rounds',
    summary: 'Create a round (Peer Instruction, question round, muddiest point) in a session and start it',
    tag: 'rounds',
    auth: 'user',
    access: 'facilitator',
    params: sessionParams,
    body: RoundStartRequestSchema,
    response: RoundViewSchema,
    status: 201,
    errors: ['not_found', 'insufficient_role', 'session_ended'],
  }),
  listRounds: defineOperation({
    method: 'get',
    path: '/api/v1/sessions/:sessionId/rounds',
    summary: "A session's rounds, newest first, each as the caller may see it",
    tag: 'rounds',
    auth: 'user',
    access: 'member',
    params: sessionParams,
    response: RoundListSchema,
    status: 200,
    errors: ['not_found'],
  }),
  getRound: defineOperation({
    method: 'get',
    path: '/api/v1/rounds/:roundId',
    summary: 'One round as the caller may see it (own answer, partners; results after reveal)',
    tag: 'rounds',
    auth: 'user',
    access: 'member',
    params: roundParams,
    response: RoundViewSchema,
    status: 200,
    errors: ['not_found'],
  }),
  sendRoundEvent: defineOperation({
    method: 'post',
    path: '/api/v1/rounds/:roundId/events',
    summary:
      'Apply one event (answer, revote, ask, vote, answerQuestion, rate, submitMuddy; advance, closePhase, endorse, assign, extendDeadline, cancel for facilitators)',
    tag: 'rounds',
    auth: 'user',
    access: 'member',
    params: roundParams,
    body: RoundEventRequestSchema,
    response: RoundEventResultSchema,
    status: 200,
    errors: ['not_found', 'insufficient_role', 'round_refused'],
  }),
  getRoundAnalytics: defineOperation({
    method: 'get',
    path: '/api/v1/rounds/:roundId/analytics',
    summary: 'Analytics of one round (facilitators)',
    tag: 'rounds',
    auth: 'user',
    access: 'facilitator',
    params: roundParams,
    response: RoundAnalyticsSchema,
    status: 200,
    errors: ['not_found', 'insufficient_role'],
  }),
  getSessionAnalytics: defineOperation({
    method: 'get',
    path: '/api/v1/sessions/:sessionId/analytics',
    summary: 'Analytics of all rounds of a session (facilitators)',
    tag: 'rounds',
    auth: 'user',
    access: 'facilitator',
    params: sessionParams,
    response: SessionAnalyticsSchema,
    status: 200,
    errors: ['not_found', 'insufficient_role'],
  }),
  setRoundCard: defineOperation({
    method: 'put',
    path: '/api/v1/rounds/:roundId/card',
    summary: "Record where the bot posted the round's card (the bot only)",
    tag: 'bot',
    auth: 'user',
    access: 'member',
    params: roundParams,
    body: RoundCardRefSchema,
    response: RoundCardRefSchema,
    status: 200,
    errors: ['not_found', 'forbidden'],
  }),
  getRoundCard: defineOperation({
    method: 'get',
    path: '/api/v1/rounds/:roundId/card',
    summary: "Where the round's card is (the bot only)",
    tag: 'bot',
    auth: 'user',
    access: 'member',
    params: roundParams,
    response: RoundCardRefSchema,
    status: 200,
    errors: ['not_found', 'forbidden'],
  }),
  putConversationReference: defineOperation({
    method: 'put',
    path: '/api/v1/classes/:classId/conversation-reference',
    summary: "Store the Bot Framework conversation reference of a class's conversation (the bot only)",
    tag: 'bot',
    auth: 'user',
    access: 'member',
    params: classParams,
    body: ConversationReferenceSchema,
    response: ConversationReferenceSchema,
    status: 200,
    errors: ['not_found', 'forbidden'],
  }),
  getConversationReference: defineOperation({
    method: 'get',
    path: '/api/v1/classes/:classId/conversation-reference',
    summary: 'The stored conversation reference of a class (the bot only)',
    tag: 'bot',
    auth: 'user',
    access: 'member',
    params: classParams,
    response: ConversationReferenceSchema,
    status: 200,
    errors: ['not_found', 'forbidden'],
  }),
} as const;
