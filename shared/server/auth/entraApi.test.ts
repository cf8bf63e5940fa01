import { SignJWT, exportSPKI, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintBotToken } from '../../client/botToken';
import { StoaClient } from '../../client/client';
import { BOT_TOKEN_AUDIENCE, BOT_TOKEN_ISSUER, DEV_BOT_SECRET } from '../../contract/auth';
import { storageBackends } from '../test/backends';
import { ENTRA_APP, signEntraToken, startJwksServer, unsignedToken, type JwksServer } from '../test/entra';
import { expectApiError } from '../test/factories';
import { startTestService, type TestService } from '../test/testService';
import { createSigningKey, type SigningKey } from './devKeys';

const backends = await storageBackends();
const BOT_SECRET = 'entra-suite-bot-secret-0123456789abcdef';
const act = { tenantId: ENTRA_APP.tenant, userId: 'teams-user-7', name: 'Teams User' };

/** HS256 "signed" with the RSA public key in PEM form: the classic algorithm-confusion forgery. */
async function confusedToken(key: SigningKey): Promise<string> {
  const pem = await exportSPKI((await importJWK(key.publicJwk, 'RS256', { extractable: true })) as CryptoKey);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: ENTRA_APP.tenant, oid: 'x', scp: 'access_as_user', ver: '2.0' })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid })
    .setIssuer(`https://login.microsoftonline.com/${ENTRA_APP.tenant}/v2.0`)
    .setAudience(ENTRA_APP.clientId)
    .setExpirationTime(now + 600)
    .sign(new TextEncoder().encode(pem));
}

describe.each(backends)('Entra ID auth over HTTP on %s', (backend) => {
  let key: SigningKey;
  let jwks: JwksServer;
  let t: TestService;
  beforeAll(async () => {
    key = (await createSigningKey('entra-api-key')).key;
    jwks = await startJwksServer([key.publicJwk]);
    t = await startTestService({
      backend,
      env: {
        AUTH_MODE: 'entra',
        ENTRA_JWKS_URL: jwks.url,
        AAD_APP_CLIENT_ID: ENTRA_APP.clientId,
        AAD_APP_ID_URI: ENTRA_APP.appIdUri,
        ALLOWED_TENANTS: `${ENTRA_APP.tenant}, ${ENTRA_APP.otherTenant.replace('b', 'c')}`,
        BOT_SERVICE_SECRET: BOT_SECRET,
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await jwks.close();
  });

  const client = (token: string) => new StoaClient({ baseUrl: t.url, getToken: () => token });

  it('GET /me 200 accepts a valid v1 token (sts.windows.net issuer, api:// audience)', async () => {
    const me = await client(await signEntraToken(key, { version: '1.0', userId: 'v1-user' })).call(
      'getMe',
      {},
    );
    expect(me).toEqual({ tenantId: ENTRA_APP.tenant, userId: 'v1-user', name: 'Entra User', via: 'user' });
    expect(jwks.fetches()).toBeGreaterThan(0);
  });

  it('GET /me 200 accepts a valid v2 token (login.microsoftonline.com issuer, client id audience)', async () => {
    const me = await client(await signEntraToken(key, { version: '2.0', userId: 'v2-user' })).call(
      'getMe',
      {},
    );
    expect(me).toMatchObject({ userId: 'v2-user', via: 'user' });
  });

  it('POST /classes 201 for a v2 token, and the same person with a v1 token sees the class', async () => {
    const v2 = client(await signEntraToken(key, { version: '2.0', userId: 'teacher' }));
    const cls = await v2.call('createClass', { body: { name: 'Entra class' } });
    const v1 = client(await signEntraToken(key, { version: '1.0', userId: 'teacher' }));
    expect((await v1.call('getClass', { params: { classId: cls.id } })).myRole).toBe('owner');
  });

  it('GET /me 200 for the bot acting for a user with the configured secret', async () => {
    expect(await client(await mintBotToken(BOT_SECRET, act)).call('getMe', {})).toEqual({
      ...act,
      via: 'bot',
    });
  });

  const REFUSED: Array<[string, (k: SigningKey) => Promise<string> | string]> = [
    ['a wrong issuer', (k) => signEntraToken(k, { issuer: 'https://sts.evil.example/' })],
    ['a wrong audience', (k) => signEntraToken(k, { audience: 'api://another-app' })],
    ['a tenant that is not allowed', (k) => signEntraToken(k, { tenantId: ENTRA_APP.otherTenant })],
    ['no access_as_user scope', (k) => signEntraToken(k, { scope: 'User.Read openid' })],
    ['an expired token', (k) => signEntraToken(k, { expiresIn: -600 })],
    ['nbf in the future beyond tolerance', (k) => signEntraToken(k, { notBefore: 900 })],
    ['an unknown kid', (k) => signEntraToken(k, { kid: 'not-in-the-key-set' })],
    [
      'alg none',
      () =>
        unsignedToken({ tid: ENTRA_APP.tenant, oid: 'x', scp: 'access_as_user', aud: ENTRA_APP.clientId }),
    ],
    ['HS256 signed with the RSA public key', (k) => confusedToken(k)],
    [
      'a user token carrying an act claim',
      (k) => signEntraToken(k, { claims: { act: { tid: ENTRA_APP.tenant, oid: 'v' } } }),
    ],
    [
      'a bot token signed with the wrong secret',
      () => mintBotToken('wrong-secret-wrong-secret-wrong-secret', act),
    ],
    [
      'a bot token signed with the dev secret when another is configured',
      () => mintBotToken(DEV_BOT_SECRET, act),
    ],
    [
      'a bot token without act',
      () =>
        new SignJWT({})
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(BOT_TOKEN_ISSUER)
          .setAudience(BOT_TOKEN_AUDIENCE)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(BOT_SECRET)),
    ],
    [
      'a bot token acting in a tenant that is not allowed',
      () => mintBotToken(BOT_SECRET, { ...act, tenantId: ENTRA_APP.otherTenant }),
    ],
  ];

  it.each(REFUSED)('GET /me 401 invalid_token for %s', async (_name, make) => {
    await expectApiError(client(await make(key)).call('getMe', {}), 401, 'invalid_token');
  });

  it('POST /classes 401 invalid_token for a forged token, and nothing is created', async () => {
    const forged = client(await signEntraToken(key, { audience: 'api://another-app', userId: 'forger' }));
    await expectApiError(forged.call('createClass', { body: { name: 'Forged' } }), 401, 'invalid_token');
    const real = client(await signEntraToken(key, { userId: 'forger' }));
    expect((await real.call('listClasses', {})).items).toEqual([]);
  });

  it('POST /dev/token 404 dev_auth_disabled in entra mode', async () => {
    const call = t
      .anonymous()
      .call('createDevToken', { body: { tenantId: ENTRA_APP.tenant, userId: 'u', name: 'U' } });
    await expectApiError(call, 404, 'dev_auth_disabled');
  });
});

describe('Entra ID key set outages', () => {
  it('GET /me 503 service_unavailable while the key set cannot be fetched, 200 once it can', async () => {
    const key = (await createSigningKey('outage-key')).key;
    const jwks = await startJwksServer([key.publicJwk]);
    const t = await startTestService({
      env: { AUTH_MODE: 'entra', ENTRA_JWKS_URL: jwks.url, AAD_APP_CLIENT_ID: ENTRA_APP.clientId },
    });
    try {
      const me = new StoaClient({ baseUrl: t.url, getToken: () => token });
      const token = await signEntraToken(key);
      jwks.setFailing(true);
      await expectApiError(me.call('getMe', {}), 503, 'service_unavailable');
      jwks.setFailing(false);
      expect((await me.call('getMe', {})).via).toBe('user');
    } finally {
      await t.close();
      await jwks.close();
    }
  });
});
