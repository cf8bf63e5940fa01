/**
 * The tab's build-time configuration. Everything here ends up in the public bundle, so only
 * browser-safe values belong in it: never a secret. Checked by hand rather than with zod, which the
 * tab's first screen would otherwise load for these five values alone.
 */
export interface TabEnv {
  /** Base URL of the Stoa service; empty means the origin the tab was served from. */
  VITE_STOA_API_URL: string;
  /** Entra app (client) id of the SSO registration, shown in consent help; optional in dev. */
  VITE_AAD_APP_CLIENT_ID: string | undefined;
  /** How long to wait for the Teams host to answer `app.initialize` before falling back to the browser. */
  VITE_TEAMS_INIT_TIMEOUT_MS: number;
  /** Whether the dev sign-in is offered outside Teams (the service refuses dev tokens in production). */
  VITE_DEV_SIGN_IN: boolean;
  MODE: string;
}

type Read<T> = (value: unknown) => T;

class BadValue extends Error {}

const optionalString = (value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadValue('expected a string');
  return value;
};

const apiUrl: Read<string> = (value) => {
  const v = optionalString(value) ?? '';
  if (v !== '' && !URL.canParse(v)) throw new BadValue('expected an empty value or a URL');
  return v.replace(/\/+$/, '');
};

const optionalText: Read<string | undefined> = (value) => optionalString(value)?.trim() || undefined;

const timeoutMs: Read<number> = (value) => {
  if (value === undefined) return 5_000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 100 || n > 60_000) throw new BadValue('expected a whole number 100-60000');
  return n;
};

const devSignIn: Read<boolean> = (value) => {
  const v = optionalString(value);
  if (v !== undefined && v !== 'true' && v !== 'false') throw new BadValue("expected 'true' or 'false'");
  return v !== 'false';
};

const READERS: { [K in keyof TabEnv]: Read<TabEnv[K]> } = {
  VITE_STOA_API_URL: apiUrl,
  VITE_AAD_APP_CLIENT_ID: optionalText,
  VITE_TEAMS_INIT_TIMEOUT_MS: timeoutMs,
  VITE_DEV_SIGN_IN: devSignIn,
  MODE: (value) => optionalString(value) ?? 'production',
};

/** Parses a Vite env object; a bad value fails loudly at start instead of as a confusing fetch error later. */
export function parseTabEnv(source: Record<string, unknown>): TabEnv {
  const out: Record<string, unknown> = {};
  const lines: string[] = [];
  for (const [key, read] of Object.entries(READERS)) {
    try {
      out[key] = read(source[key]);
    } catch (err) {
      if (!(err instanceof BadValue)) throw err;
      lines.push(`${key}: ${err.message}`);
    }
  }
  if (lines.length > 0) {
    throw new Error(`Invalid tab configuration (check the VITE_* variables in .env):\n${lines.join('\n')}`);
  }
  return out as unknown as TabEnv;
}

export const env: TabEnv = parseTabEnv(import.meta.env);
