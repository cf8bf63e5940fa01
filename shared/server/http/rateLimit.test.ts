import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageBackends } from '../test/backends';
import { botActingFor, expectApiError } from '../test/factories';
import { buildUser, startTestService, type TestService } from '../test/testService';
import { UserRateLimiter } from './rateLimit';

const backends = await storageBackends();
const PER_MINUTE = 3;

describe.each(backends)('rate limits per user on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend, env: { RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) } });
  });
  afterAll(() => t.close());

  it('GET /me 429 rate_limited for one user while another user on the same IP still gets 200', async () => {
    const busy = await t.as(buildUser());
    for (let i = 0; i < PER_MINUTE; i += 1) await busy.call('getMe', {});
    const err = await expectApiError(busy.call('getMe', {}), 429, 'rate_limited');
    expect(err.details).toMatchObject({ retryAfterSeconds: expect.any(Number) as number });
    const calm = await t.as(buildUser());
    expect((await calm.call('getMe', {})).via).toBe('user');
  });

  it('GET /classes 429 rate_limited counts every endpoint against the same budget', async () => {
    const user = await t.as(buildUser());
    await user.call('getMe', {});
    await user.call('listClasses', {});
    await user.call('createClass', { body: { name: 'Budget' } });
    await expectApiError(user.call('listClasses', {}), 429, 'rate_limited');
  });

  it('GET /me 200 for the same user id in another tenant: budgets are per tenant and user', async () => {
    const a = buildUser();
    const clientA = await t.as(a);
    for (let i = 0; i < PER_MINUTE; i += 1) await clientA.call('getMe', {});
    await expectApiError(clientA.call('getMe', {}), 429, 'rate_limited');
    const sameIdElsewhere = await t.as(buildUser({ tenantId: 'tenant-b', userId: a.userId }));
    expect((await sameIdElsewhere.call('getMe', {})).tenantId).toBe('tenant-b');
  });

  it('GET /me 429 rate_limited when the bot acts for a user who used up their budget', async () => {
    const user = buildUser();
    const own = await t.as(user);
    for (let i = 0; i < PER_MINUTE; i += 1) await own.call('getMe', {});
    await expectApiError((await botActingFor(t, user)).call('getMe', {}), 429, 'rate_limited');
  });
});

describe('UserRateLimiter', () => {
  it('refills one request per 60/limit seconds and never beyond the limit', () => {
    const limiter = new UserRateLimiter(60);
    const start = 1_000_000;
    for (let i = 0; i < 60; i += 1) limiter.take('u', start);
    expect(() => limiter.take('u', start)).toThrow();
    limiter.take('u', start + 1000);
    expect(() => limiter.take('u', start + 1000)).toThrow();
    const later = start + 3_600_000;
    for (let i = 0; i < 60; i += 1) limiter.take('u', later);
    expect(() => limiter.take('u', later)).toThrow();
  });

  it('keeps keys apart', () => {
    const limiter = new UserRateLimiter(1);
    limiter.take('t/a', 0);
    expect(() => limiter.take('t/a', 0)).toThrow();
    limiter.take('t/b', 0);
  });
});
