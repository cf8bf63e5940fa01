import { z } from 'zod';
import { ClassIdSchema, SessionIdSchema } from './ids';
import { RoundPhaseSchema } from './rounds/phases';
import { RoundIdSchema } from './rounds/ids';

/**
 * Service → bot notifications. The bot is stateless, so when a round changes without a Teams action
 * (a deadline fired, a facilitator acted in the tab) the service tells the bot, which then updates the
 * round's one card in place. Sent as `POST {BOT_NOTIFY_URL}` with a bearer token signed with the shared
 * BOT_SERVICE_SECRET (HS256, issuer `SERVICE_TOKEN_ISSUER`, audience `SERVICE_TOKEN_AUDIENCE`).
 */
export const BOT_NOTIFY_PATH = '/api/stoa/notify';
export const SERVICE_TOKEN_ISSUER = 'stoa-service';
export const SERVICE_TOKEN_AUDIENCE = 'stoa-bot';

/**
 * Whom the bot acts for when it reads the round back: the tenant of the class and the round's creator (a
 * facilitator). The bot keeps no state, and an act-as token must name a tenant and a member.
 */
const actFor = {
  tenantId: z.string().min(1).max(256),
  createdBy: z.string().min(1).max(256),
};

export const BotNotificationSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('round_changed'),
      ...actFor,
      roundId: RoundIdSchema,
      sessionId: SessionIdSchema,
      classId: ClassIdSchema,
      phase: RoundPhaseSchema,
      /** `phase`: the phase moved (send the one short notification Teams needs); `tally`: counts changed. */
      change: z.enum(['phase', 'tally']),
    }),
    z.object({
      type: z.literal('private_message'),
      ...actFor,
      roundId: RoundIdSchema,
      classId: ClassIdSchema,
      /** Teams users (aadObjectId) who get this privately, e.g. their discussion partners. */
      userIds: z.array(z.string()).max(5000),
      kind: z.enum(['group_assigned', 'questions_assigned']),
    }),
  ])
  .meta({ id: 'BotNotification' });
export type BotNotification = z.infer<typeof BotNotificationSchema>;
