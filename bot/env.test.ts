import { describe, expect, it } from 'vitest';
import { DEV_BOT_SECRET } from '../shared/contract/auth';
import { parseBotEnv } from './env';

const SECRET = 's'.repeat(40);

describe('bot env', () => {
  it('defaults to an anonymous local bot on 127.0.0.1:3978 talking to the local service', () => {
    const env = parseBotEnv({});
    expect(env).toMatchObject({
      BOT_PORT: 3978,
      BOT_HOST: '127.0.0.1',
      MicrosoftAppId: '',
      MicrosoftAppType: 'MultiTenant',
      STOA_SERVICE_URL: 'http://127.0.0.1:3000',
      BOT_SERVICE_SECRET: DEV_BOT_SECRET,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      LOG_PRETTY: false,
    });
  });

  it('accepts a full Bot Framework configuration', () => {
    const env = parseBotEnv({
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'pw',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant',
      NODE_ENV: 'production',
      BOT_SERVICE_SECRET: SECRET,
      BOT_PORT: '0',
    });
    expect(env).toMatchObject({ MicrosoftAppType: 'SingleTenant', BOT_PORT: 0, BOT_SERVICE_SECRET: SECRET });
  });

  it.each([
    [{ MicrosoftAppType: 'SingleTenant' }, ['MicrosoftAppId', 'MicrosoftAppTenantId']],
    [
      { MicrosoftAppType: 'SingleTenant', MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' },
      ['MicrosoftAppTenantId'],
    ],
    [{ MicrosoftAppId: 'app' }, ['MicrosoftAppPassword']],
    [
      { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' },
      ['MicrosoftAppTenantId', 'MicrosoftAppPassword'],
    ],
    [{ MicrosoftAppType: 'Other' }, ['MicrosoftAppType']],
    [{ NODE_ENV: 'production' }, ['MicrosoftAppId', 'BOT_SERVICE_SECRET']],
    [{ BOT_SERVICE_SECRET: 'short' }, ['BOT_SERVICE_SECRET']],
    [{ BOT_PORT: '70000' }, ['BOT_PORT']],
    [{ STOA_SERVICE_URL: 'not a url' }, ['STOA_SERVICE_URL']],
  ])('fails fast on %j naming every variable to fix', (source, names) => {
    let message = '';
    try {
      parseBotEnv(source);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^Invalid bot configuration:/);
    for (const name of names) expect(message).toContain(`  ${name}: `);
  });
});
