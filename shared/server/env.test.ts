import { describe, expect, it } from 'vitest';
import { DEV_BOT_SECRET } from '../contract/auth';
import { parseServiceEnv } from './env';

const SECRET = 'a-production-secret-of-more-than-32-chars';

/** The message parseServiceEnv throws for a source, or null when it parses. */
function refusal(source: Record<string, string>): string | null {
  try {
    parseServiceEnv(source);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

describe('parseServiceEnv', () => {
  it('defaults to dev auth, the dev bot secret and a local api:// URI outside production', () => {
    const env = parseServiceEnv({});
    expect(env).toMatchObject({ NODE_ENV: 'development', AUTH_MODE: 'dev', PORT: 3000, HOST: '127.0.0.1' });
    expect(env.BOT_SERVICE_SECRET).toBe(DEV_BOT_SECRET);
    expect(env.AAD_APP_ID_URI).toBe(`api://localhost/${env.AAD_APP_CLIENT_ID}`);
    expect(env.ALLOWED_TENANTS).toEqual([]);
  });

  it('defaults to Entra auth in production', () => {
    const env = parseServiceEnv({ NODE_ENV: 'production', BOT_SERVICE_SECRET: SECRET });
    expect(env.AUTH_MODE).toBe('entra');
    expect(env.BOT_SERVICE_SECRET).toBe(SECRET);
  });

  it('refuses NODE_ENV=production with AUTH_MODE=dev, naming AUTH_MODE', () => {
    const message = refusal({ NODE_ENV: 'production', AUTH_MODE: 'dev', BOT_SERVICE_SECRET: SECRET });
    expect(message).toMatch(/AUTH_MODE: dev auth is refused when NODE_ENV=production/);
  });

  it('refuses production without BOT_SERVICE_SECRET, naming it', () => {
    expect(refusal({ NODE_ENV: 'production', AUTH_MODE: 'entra' })).toMatch(/BOT_SERVICE_SECRET: /);
  });

  it('refuses production with the published dev bot secret', () => {
    const message = refusal({ NODE_ENV: 'production', BOT_SERVICE_SECRET: DEV_BOT_SECRET });
    expect(message).toMatch(/BOT_SERVICE_SECRET: the development secret is public/);
  });

  it('lists every malformed variable at once and points at .env.example', () => {
    const message = refusal({ AUTH_MODE: 'none', PORT: '70000', BOT_SERVICE_SECRET: 'short' }) ?? '';
    expect(message).toContain('AUTH_MODE');
    expect(message).toContain('BOT_SERVICE_SECRET');
    expect(message).toContain('PORT');
    expect(message).toContain('.env.example');
  });

  it('refuses a bot secret under 32 characters, a bad port and an unknown auth mode', () => {
    expect(refusal({ BOT_SERVICE_SECRET: 'short' })).toMatch(/BOT_SERVICE_SECRET/);
    expect(refusal({ PORT: 'eighty' })).toMatch(/PORT/);
    expect(refusal({ AUTH_MODE: 'none' })).toMatch(/AUTH_MODE/);
    expect(refusal({ RATE_LIMIT_PER_MINUTE: '0' })).toMatch(/RATE_LIMIT_PER_MINUTE/);
  });

  it('warms up the notes code at start except under NODE_ENV=test, unless told', () => {
    expect(parseServiceEnv({}).NOTES_WARM_UP).toBe(true);
    expect(parseServiceEnv({ NODE_ENV: 'test' }).NOTES_WARM_UP).toBe(false);
    expect(parseServiceEnv({ NODE_ENV: 'test', NOTES_WARM_UP: 'true' }).NOTES_WARM_UP).toBe(true);
    expect(parseServiceEnv({ NOTES_WARM_UP: '0' }).NOTES_WARM_UP).toBe(false);
    expect(refusal({ NOTES_WARM_UP: 'sometimes' })).toContain('NOTES_WARM_UP');
  });

  it('reads ALLOWED_TENANTS as a trimmed comma-separated list', () => {
    expect(parseServiceEnv({ ALLOWED_TENANTS: ' t1, t2 ,,t3 ' }).ALLOWED_TENANTS).toEqual(['t1', 't2', 't3']);
  });
});
