import { z } from 'zod';
import { DEV_BOT_SECRET } from '../shared/contract/auth';

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/** The bot's environment. Parsed once at start; anything wrong stops the process with a clear message. */
export const BotEnvSchema = z
  .object({
    /** `production` requires a Bot Framework identity and a real BOT_SERVICE_SECRET. */
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** Port of the bot's messaging endpoint (`POST /api/messages`); 0 picks a free port. */
    BOT_PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Interface to bind; loopback by default (a tunnel or reverse proxy exposes it to Teams). */
    BOT_HOST: z.string().min(1).default('127.0.0.1'),
    /** Bot Framework app (client) id. Empty runs anonymously (local runs, CI, Agents Playground). */
    MicrosoftAppId: z.string().trim().default(''),
    /** Client secret of that app registration; needed to answer Teams when MicrosoftAppId is set. */
    MicrosoftAppPassword: z.string().default(''),
    /** `MultiTenant`, `SingleTenant` (needs MicrosoftAppTenantId) or `UserAssignedMSI` (managed identity). */
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    /** Entra tenant of the app registration, for SingleTenant and UserAssignedMSI. */
    MicrosoftAppTenantId: z.string().trim().default(''),
    /** Base URL of the Stoa service the bot acts on. */
    STOA_SERVICE_URL: z.url().default('http://127.0.0.1:3000'),
    /** Secret shared with the service (>= 32 chars) to sign act-as tokens; a dev value outside production. */
    BOT_SERVICE_SECRET: z.string().min(32).optional(),
    /**
     * Ask Microsoft Graph who owns a team (RSC `TeamMember.Read.Group`), so team owners facilitate. Needs
     * the app's credentials (GRAPH_CLIENT_ID/SECRET, by default the bot's own). Off: no Graph call at all.
     */
    GRAPH_ENABLED: bool,
    /** App id for Graph's client-credentials token; MicrosoftAppId when empty. */
    GRAPH_CLIENT_ID: z.string().trim().default(''),
    /** Its client secret; MicrosoftAppPassword when empty. */
    GRAPH_CLIENT_SECRET: z.string().default(''),
    /** Graph's base URL (a sovereign cloud, or a local endpoint in tests). */
    GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com/v1.0'),
    /** Client-credentials token endpoint for Graph; `{tenantId}` is filled in per tenant. */
    GRAPH_TOKEN_URL: z.string().default('https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token'),
    /** How long what Teams says about a person's role is reused before it is asked again, in ms. */
    TEAMS_ROLE_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
    /** pino log level. */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Pretty, human-readable logs instead of JSON lines. */
    LOG_PRETTY: bool,
    /** OTLP/HTTP endpoint of a trace collector (e.g. `http://otel-collector:4318`); empty: no tracing. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
    /** Service name of the bot in traces. */
    OTEL_SERVICE_NAME: z.string().min(1).default('stoa-bot'),
  })
  .transform((env, ctx) => {
    const appId = env.MicrosoftAppId;
    const need = (ok: boolean, path: string, message: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [path], message });
    };
    if (env.MicrosoftAppType === 'SingleTenant') {
      need(!!appId, 'MicrosoftAppId', 'SingleTenant needs the app id of the bot registration');
      need(!!env.MicrosoftAppTenantId, 'MicrosoftAppTenantId', 'SingleTenant needs the tenant id');
    }
    if (env.MicrosoftAppType === 'UserAssignedMSI') {
      need(!!appId, 'MicrosoftAppId', 'UserAssignedMSI needs the client id of the managed identity');
      need(!!env.MicrosoftAppTenantId, 'MicrosoftAppTenantId', 'UserAssignedMSI needs the tenant id');
      need(!env.MicrosoftAppPassword, 'MicrosoftAppPassword', 'leave it empty for a managed identity');
    } else if (appId) {
      need(!!env.MicrosoftAppPassword, 'MicrosoftAppPassword', 'set the client secret of MicrosoftAppId');
    }
    const graphId = env.GRAPH_CLIENT_ID || appId;
    const graphSecret = env.GRAPH_CLIENT_SECRET || env.MicrosoftAppPassword;
    if (env.GRAPH_ENABLED) {
      need(!!graphId, 'GRAPH_CLIENT_ID', 'GRAPH_ENABLED needs an app id (or MicrosoftAppId)');
      need(
        !!graphSecret,
        'GRAPH_CLIENT_SECRET',
        'GRAPH_ENABLED needs a client secret (or MicrosoftAppPassword)',
      );
    }
    if (env.NODE_ENV === 'production') {
      // Anonymous mode accepts unsigned activities from anyone who can reach the port.
      need(
        !!appId,
        'MicrosoftAppId',
        'production needs the bot registration (anonymous mode is for local runs)',
      );
      need(
        !!env.BOT_SERVICE_SECRET,
        'BOT_SERVICE_SECRET',
        'set the same 32+ character secret as the service',
      );
    }
    return {
      ...env,
      GRAPH_CLIENT_ID: graphId,
      GRAPH_CLIENT_SECRET: graphSecret,
      BOT_SERVICE_SECRET: env.BOT_SERVICE_SECRET ?? DEV_BOT_SECRET,
    };
  });

export type BotEnv = z.output<typeof BotEnvSchema>;

/** Parses the environment or throws an error whose message lists every variable to fix. */
export function parseBotEnv(source: Record<string, string | undefined>): BotEnv {
  const result = BotEnvSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
  throw new Error(`Invalid bot configuration:\n${lines.join('\n')}\nSee .env.example.`);
}
