import { z } from 'zod';
import { DEV_BOT_SECRET } from '../contract/auth';
import { opsEnvShape } from './opsEnv';

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** The service's environment. Parsed once at start; anything wrong stops the process with a clear message. */
export const ServiceEnvSchema = z
  .object({
    /** `production` refuses dev auth. */
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** Port of the REST + real-time service. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Interface to bind; loopback by default. */
    HOST: z.string().default('127.0.0.1'),
    /** Public base URL of the service (used in links and the OpenAPI servers list). */
    PUBLIC_URL: z.url().optional(),
    /** `dev`: the service mints tokens for chosen users; `entra`: Teams SSO tokens only. */
    AUTH_MODE: z.enum(['dev', 'entra']).optional(),
    /** Entra app (client) id of the tab's SSO registration; a v2 token's audience. */
    AAD_APP_CLIENT_ID: z.string().default('00000000-0000-0000-0000-000000000000'),
    /** Application ID URI, `api://{domain}/{clientId}`; a v1 token's audience. */
    AAD_APP_ID_URI: z.string().optional(),
    /** Tenants allowed to use this deployment, comma separated; empty allows any tenant. */
    ALLOWED_TENANTS: csv,
    /** JWKS of Entra ID. Tests point it at a local key server. */
    ENTRA_JWKS_URL: z.url().default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
    /** Shared secret with the bot (>= 32 chars); the bot signs its act-as tokens with it. Required in production. */
    BOT_SERVICE_SECRET: z.string().min(32).optional(),
    /** PostgreSQL URL; without it the embedded SQLite file is used. */
    DATABASE_URL: z.string().optional(),
    /** Where the dev-mode signing key is kept so tokens survive restarts; empty keeps it in memory. */
    DEV_KEY_PATH: z.string().default('data/dev-signing-key.json'),
    /** SQLite file when DATABASE_URL is not set. */
    SQLITE_PATH: z.string().default('data/stoa.db'),
    /** Redis URL for scale-out (cross-instance events and notes); optional. */
    REDIS_URL: z.string().optional(),
    /** Folder of the built tab to serve at `/`; empty disables serving the tab. */
    TAB_DIST: z.string().default('tab/dist'),
    /** pino log level. */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Pretty, human-readable logs instead of JSON lines. */
    LOG_PRETTY: bool,
    /** Requests per minute per user before 429 (not per IP: a lecture hall shares one NAT). */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
    /** Largest single message on the notes WebSocket (`/collab`), in bytes; larger closes with 4413. */
    NOTES_MAX_MESSAGE_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(2 * 1024 * 1024),
    /** Largest note (encoded Yjs state), in bytes; an update that would pass it closes with 4414. */
    NOTES_MAX_DOCUMENT_BYTES: z.coerce
      .number()
      .int()
      .min(4096)
      .default(16 * 1024 * 1024),
    /** Notes messages per second per user, summed over all their connections (not per IP). */
    NOTES_RATE_PER_SECOND: z.coerce.number().int().min(1).default(200),
    /** Burst allowance on top of NOTES_RATE_PER_SECOND: a paste or a reconnect sends many at once. */
    NOTES_RATE_BURST: z.coerce.number().int().min(1).default(2000),
    /**
     * Broadcast window of a busy note, in ms: updates and presence changes that arrive within it go to every
     * reader as one merged message (the first of a quiet note goes at once). 0 sends each one on its own.
     */
    NOTES_BROADCAST_WINDOW_MS: z.coerce.number().int().min(0).max(1000).default(10),
    /** Notes with fewer connections than this send every message at once (the window only pays off when busy). */
    NOTES_BROADCAST_MIN_CONNECTIONS: z.coerce.number().int().min(0).default(200),
    /**
     * Run the Yjs code paths once at start (about 0.1 s) so the first note loaded is not interpreted;
     * default on, except under NODE_ENV=test where hundreds of short-lived services start.
     */
    NOTES_WARM_UP: z.enum(['true', 'false', '1', '0', '']).optional(),
    /** At most one presence (awareness) update per connection per this many ms; extra ones are merged. */
    NOTES_AWARENESS_INTERVAL_MS: z.coerce.number().int().min(0).default(100),
    /** Largest presence (awareness) message, in bytes; larger closes with 4413. */
    NOTES_AWARENESS_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(256)
      .default(8 * 1024),
    /** Clients connected to one note at once; more are refused with 4430. */
    NOTES_MAX_CONNECTIONS_PER_DOC: z.coerce.number().int().min(1).default(2000),
    /** Connections one user may hold at once (all notes); more are refused with 4430. */
    NOTES_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).default(32),
    /**
     * Full URL of the bot's notify endpoint (e.g. `http://127.0.0.1:3978/api/stoa/notify`): the service
     * tells the bot there when a round changed without a Teams action. Empty: no notifications.
     */
    BOT_NOTIFY_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
    /** How often each instance looks for round deadlines that have passed, in ms. */
    ROUND_TIMER_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(250),
    /**
     * How long an update whose dependencies have not arrived yet may wait for them (a reconnecting client's
     * offline edits, edits a crash lost), in ms; then its socket is closed with 4400.
     */
    NOTES_HOLD_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    /** A note with activity is saved as an automatic version at most this often, in ms (10 minutes). */
    NOTES_AUTO_VERSION_MS: z.coerce.number().int().min(1000).default(600_000),
    /** Automatic versions kept per note; older ones are deleted (named and end-of-session ones are kept). */
    NOTES_AUTO_VERSIONS_KEEP: z.coerce.number().int().min(1).max(1000).default(30),
    /** Update-log rows of a note after which it is compacted into its snapshot. */
    NOTES_COMPACT_ROWS: z.coerce.number().int().min(1).default(200),
    /** Tenant administrators by user id, `tenantId:userId` comma separated (besides the token role below). */
    TENANT_ADMINS: csv,
    /** App role (Entra `roles` claim) that makes a user an administrator of their own tenant. */
    TENANT_ADMIN_ROLE: z.string().min(1).default('Stoa.Admin'),
    /** Tenants whose users may erase their own data (comma separated; `*` for all); else administrators only. */
    PRIVACY_SELF_ERASURE: csv,
    /** Days after a class's last session before the retention job deletes it, unless a tenant or class sets its own; 0 keeps. */
    RETENTION_DEFAULT_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
    /** Days the audit trail is kept. */
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(730),
    /** The Teams app id (manifest `id`); with it, a class's join link comes with a deep link to its tab. */
    TEAMS_APP_ID: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(64).optional()),
    /** How often the retention job runs (one instance at a time), in ms. */
    RETENTION_POLL_MS: z.coerce.number().int().min(1000).default(3_600_000),
    /** Telemetry, security headers and compression: see opsEnv.ts. */
    ...opsEnvShape,
  })
  .transform((env, ctx) => {
    const authMode = env.AUTH_MODE ?? (env.NODE_ENV === 'production' ? 'entra' : 'dev');
    if (authMode === 'dev' && env.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message: 'dev auth is refused when NODE_ENV=production; set AUTH_MODE=entra',
      });
    }
    if (env.NODE_ENV === 'production' && !env.BOT_SERVICE_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['BOT_SERVICE_SECRET'],
        message: 'set a random secret of 32+ characters shared with the bot',
      });
    }
    // The dev secret is published in the source: in production anyone could act as the bot with it.
    if (env.NODE_ENV === 'production' && env.BOT_SERVICE_SECRET === DEV_BOT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['BOT_SERVICE_SECRET'],
        message: 'the development secret is public; set a random secret of 32+ characters',
      });
    }
    return {
      ...env,
      AUTH_MODE: authMode,
      BOT_SERVICE_SECRET: env.BOT_SERVICE_SECRET ?? DEV_BOT_SECRET,
      AAD_APP_ID_URI: env.AAD_APP_ID_URI ?? `api://localhost/${env.AAD_APP_CLIENT_ID}`,
      NOTES_WARM_UP: env.NOTES_WARM_UP
        ? env.NOTES_WARM_UP === 'true' || env.NOTES_WARM_UP === '1'
        : env.NODE_ENV !== 'test',
    };
  });

export type ServiceEnv = z.output<typeof ServiceEnvSchema>;

/** Parses the environment or throws an error whose message lists every variable to fix. */
export function parseServiceEnv(source: Record<string, string | undefined>): ServiceEnv {
  const result = ServiceEnvSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
  throw new Error(`Invalid service configuration:\n${lines.join('\n')}\nSee .env.example.`);
}
