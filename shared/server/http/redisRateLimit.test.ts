import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../errors';
import { TEST_REDIS_URL } from '../test/backends';
import { RedisRateLimiter, type RequestLimiter } from './rateLimit';

const log = pino({ level: 'silent' });

/** A Redis URL on a loopback port where nothing listens. */
async function unreachableRedisUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return `redis://127.0.0.1:${port}`;
}

async function outcome(limiter: RequestLimiter, key: string): Promise<string> {
  try {
    await limiter.take(key);
    return 'ok';
  } catch (err) {
    if (err instanceof ServiceError)
      return `${err.id} ${String((err.details as { retryAfterSeconds: number }).retryAfterSeconds > 0)}`;
    throw err;
  }
}

describe('RedisRateLimiter', () => {
  const open: RequestLimiter[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((l) => l.close()));
  });

  it('two limiters on one Redis share one budget per key, and keep keys apart', async () => {
    const prefix = `stoa:rl-test:${randomBytes(4).toString('hex')}`;
    const a = await new RedisRateLimiter(TEST_REDIS_URL, 4, log, prefix).ready();
    const b = await new RedisRateLimiter(TEST_REDIS_URL, 4, log, prefix).ready();
    open.push(a, b);
    const results = [];
    for (let i = 0; i < 4; i += 1) results.push(await outcome(i % 2 ? b : a, 't/u'));
    expect(results).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(await outcome(a, 't/u')).toBe('rate_limited true');
    expect(await outcome(b, 't/u')).toBe('rate_limited true');
    expect(await outcome(b, 't/other')).toBe('ok');
  });

  it('with Redis unreachable each instance still limits, from its own memory budget', async () => {
    const down = await unreachableRedisUrl();
    const limiter = await new RedisRateLimiter(down, 3, log, 'stoa:rl-down').ready(200);
    open.push(limiter);
    const results = [];
    for (let i = 0; i < 4; i += 1) results.push(await outcome(limiter, 't/u'));
    expect(results).toEqual(['ok', 'ok', 'ok', 'rate_limited true']);
  });
});
