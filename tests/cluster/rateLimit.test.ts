import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoaApiError } from '../../shared/client/errors';
import { buildUser } from '../../shared/server/test/testService';
import { startCluster, type Cluster } from './cluster';

const PER_MINUTE = 6;

/**
 * Rate limits across instances: two service processes share PostgreSQL and Redis, and a user's budget is
 * one budget whichever instance answers (with a per-process limiter it would be two).
 */
describe('rate limits shared by two instances through Redis', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster(2, { RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) });
  }, 120_000);
  afterAll(() => cluster?.close());

  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => 200,
      (err: unknown) => (err instanceof StoaApiError ? `${err.status} ${err.id}` : String(err)),
    );

  it('GET /me 429 rate_limited on either instance once the requests to both add up to the budget', async () => {
    const token = await cluster.token(buildUser());
    const [a, b] = [cluster.client(token, 0), cluster.client(token, 1)];
    const results: unknown[] = [];
    // Alternate instances: 3 + 3 requests use the budget of 6; each instance alone has seen only 3.
    for (let i = 0; i < PER_MINUTE; i += 1) results.push(await outcome((i % 2 ? b : a).call('getMe', {})));
    expect(results).toEqual(Array(PER_MINUTE).fill(200));
    expect(await outcome(a.call('getMe', {}))).toBe('429 rate_limited');
    expect(await outcome(b.call('getMe', {}))).toBe('429 rate_limited');
  });

  it('GET /me 200 for another user meanwhile: budgets stay per user across instances', async () => {
    const busy = await cluster.token(buildUser());
    for (let i = 0; i < PER_MINUTE; i += 1) await cluster.client(busy, i % 2).call('getMe', {});
    expect(await outcome(cluster.client(busy, 1).call('getMe', {}))).toBe('429 rate_limited');
    const calm = await cluster.token(buildUser());
    expect(await outcome(cluster.client(calm, 1).call('getMe', {}))).toBe(200);
    expect(await outcome(cluster.client(calm, 0).call('getMe', {}))).toBe(200);
  });
});
