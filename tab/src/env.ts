import { z } from 'zod';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

/**
 * The tab's build-time configuration. Everything here ends up in the public bundle, so only
 * browser-safe values belong in it: never a secret.
 */
export const TabEnvSchema = z.object({
  /** Base URL of the Stoa service; empty means the origin the tab was served from. */
  VITE_STOA_API_URL: z
    .union([z.literal(''), z.url()])
    .optional()
    .transform((v) => (v ?? '').replace(/\/+$/, '')),
  /** Entra app (client) id of the SSO registration, shown in consent help; optional in dev. */
  VITE_AAD_APP_CLIENT_ID: optionalText,
  /** How long to wait for the Teams host to answer `app.initialize` before falling back to the browser. */
  VITE_TEAMS_INIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** Whether the dev sign-in is offered outside Teams (the service refuses dev tokens in production). */
  VITE_DEV_SIGN_IN: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v !== 'false'),
  MODE: z.string().default('production'),
});

export type TabEnv = z.output<typeof TabEnvSchema>;

/** Parses a Vite env object; a bad value fails loudly at start instead of as a confusing fetch error later. */
export function parseTabEnv(source: Record<string, unknown>): TabEnv {
  const result = TabEnvSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid tab configuration (check the VITE_* variables in .env):\n${lines.join('\n')}`);
}

export const env: TabEnv = parseTabEnv(import.meta.env);
