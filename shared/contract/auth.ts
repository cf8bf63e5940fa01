import { z } from 'zod';
import { LIMITS } from './limits';
import { TenantIdSchema, UserIdSchema } from './ids';

export const DevTokenRequestSchema = z
  .object({
    tenantId: TenantIdSchema,
    userId: UserIdSchema,
    name: z.string().trim().min(1).max(LIMITS.displayNameMax),
  })
  .strict()
  .meta({ id: 'DevTokenRequest' });
export type DevTokenRequest = z.infer<typeof DevTokenRequestSchema>;

export const DevTokenResponseSchema = z
  .object({ token: z.string(), expiresAt: z.iso.datetime() })
  .meta({ id: 'DevTokenResponse' });
export type DevTokenResponse = z.infer<typeof DevTokenResponseSchema>;

/** Who the caller is, as the service sees them. */
export const MeSchema = z
  .object({
    tenantId: z.string(),
    userId: z.string(),
    name: z.string(),
    /** `user` for a person's own token, `bot` when the bot acts for the person. */
    via: z.enum(['user', 'bot']),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

/** Audience and scope the service expects in Teams SSO tokens. */
export const SSO_SCOPE = 'access_as_user';
/** Issuer of tokens the bot mints for itself when it acts for a Teams user. */
export const BOT_TOKEN_ISSUER = 'stoa-bot';
export const BOT_TOKEN_AUDIENCE = 'stoa-service';

/**
 * The bot/service shared secret used when none is configured, so `npm start` works with no setup.
 * The service refuses to start in production without a real BOT_SERVICE_SECRET.
 */
export const DEV_BOT_SECRET = 'stoa-dev-bot-secret-not-for-production-use';
