import { describe, expect, it } from 'vitest';
import { parseTabEnv } from './env';

describe('tab env', () => {
  it('defaults to the same origin, a 5 s Teams timeout and dev sign-in on', () => {
    const env = parseTabEnv({});
    expect(env.VITE_STOA_API_URL).toBe('');
    expect(env.VITE_TEAMS_INIT_TIMEOUT_MS).toBe(5000);
    expect(env.VITE_DEV_SIGN_IN).toBe(true);
    expect(env.VITE_AAD_APP_CLIENT_ID).toBeUndefined();
  });

  it('trims a trailing slash off the API URL', () => {
    expect(parseTabEnv({ VITE_STOA_API_URL: 'https://stoa.example.edu/' }).VITE_STOA_API_URL).toBe(
      'https://stoa.example.edu',
    );
  });

  it('fails with the variable name on a bad value', () => {
    expect(() => parseTabEnv({ VITE_STOA_API_URL: 'not a url' })).toThrow(/VITE_STOA_API_URL/);
    expect(() => parseTabEnv({ VITE_DEV_SIGN_IN: 'maybe' })).toThrow(/VITE_DEV_SIGN_IN/);
  });
});
