import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoaClient } from '../../../client/client';
import { DevTokenResponseSchema, MeSchema } from '../../../contract/auth';
import { storageBackends } from '../../test/backends';
import { botActingFor, expectApiError, garbageClient, wrong } from '../../test/factories';
import { buildUser, startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();

describe.each(backends)('dev sign-in and me on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  const signIn = (token: string) => new StoaClient({ baseUrl: t.url, getToken: () => token });

  it('POST /dev/token 200 returns a token, shaped like an Entra v2 token, that the service accepts', async () => {
    const user = buildUser({ name: 'Ada Lovelace' });
    const res = DevTokenResponseSchema.parse(await t.anonymous().call('createDevToken', { body: user }));
    const claims = decodeJwt(res.token);
    expect(claims).toMatchObject({ tid: user.tenantId, oid: user.userId, name: 'Ada Lovelace', ver: '2.0' });
    expect(claims.iss).toBe(`https://login.microsoftonline.com/${user.tenantId}/v2.0`);
    expect(Date.parse(res.expiresAt)).toBeGreaterThan(Date.now());
    expect(res.expiresAt).toBe(new Date((claims.exp ?? 0) * 1000).toISOString());
    const me = await signIn(res.token).call('getMe', {});
    expect(me).toEqual({ tenantId: user.tenantId, userId: user.userId, name: 'Ada Lovelace', via: 'user' });
  });

  it('POST /dev/token 400 validation_failed on wrong types, unknown and missing fields', async () => {
    const ok = buildUser();
    const bad: unknown[] = [
      {},
      { ...ok, name: '' },
      { ...ok, name: 'n'.repeat(121) },
      { ...ok, tenantId: 't'.repeat(257) },
      { ...ok, userId: 42 },
      { tenantId: ok.tenantId, userId: ok.userId },
      { ...ok, act: { oid: 'someone-else' } },
      { ...ok, roles: ['admin'] },
    ];
    for (const body of bad) {
      await expectApiError(
        t.anonymous().call('createDevToken', { body: wrong(body) }),
        400,
        'validation_failed',
      );
    }
  });

  it('GET /me 200 names the caller, their tenant, and that they act for themselves', async () => {
    const user = buildUser();
    const me = MeSchema.parse(await (await t.as(user)).call('getMe', {}));
    expect(me).toEqual({ ...user, via: 'user' });
  });

  it('GET /me 200 says via bot when the bot acts for the user', async () => {
    const user = buildUser();
    const me = await (await botActingFor(t, user)).call('getMe', {});
    expect(me).toEqual({ ...user, via: 'bot' });
  });

  it('GET /me 200 keeps two tenants apart for the same user id', async () => {
    const a = buildUser();
    const b = buildUser({ tenantId: 'tenant-b', userId: a.userId });
    expect((await (await t.as(a)).call('getMe', {})).tenantId).toBe('tenant-a');
    expect((await (await t.as(b)).call('getMe', {})).tenantId).toBe('tenant-b');
  });

  it('GET /me 401 unauthenticated without a token', async () => {
    await expectApiError(t.anonymous().call('getMe', {}), 401, 'unauthenticated');
  });

  it('GET /me 401 invalid_token with a garbage token', async () => {
    await expectApiError(garbageClient(t).call('getMe', {}), 401, 'invalid_token');
  });

  it('GET /me 401 invalid_token with a dev token whose signature was tampered with', async () => {
    const { token } = await t.anonymous().call('createDevToken', { body: buildUser() });
    const [h, , s] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...decodeJwt(token), oid: 'someone-else' })).toString(
      'base64url',
    );
    await expectApiError(signIn(`${h}.${forgedPayload}.${s}`).call('getMe', {}), 401, 'invalid_token');
  });
});
