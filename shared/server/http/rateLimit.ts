import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ServiceError } from '../errors';

/** A per-user request budget: `take` resolves or throws `rate_limited`. */
export interface RequestLimiter {
  take(key: string): void | Promise<void>;
  close(): Promise<void>;
}

function rateLimited(retryAfterSeconds: number): ServiceError {
  return new ServiceError('rate_limited', 'Too many requests; slow down and try again in a moment.', {
    retryAfterSeconds,
  });
}

/**
 * A token bucket per user (tenant + user id), not per IP: a whole lecture hall shares one NAT address.
 * Buckets refill continuously; idle buckets are swept so memory stays bounded.
 */
export class UserRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;
  private lastSweep = Date.now();

  constructor(private readonly perMinute: number) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes one token for the key or throws `rate_limited`. */
  take(key: string, now = Date.now()): void {
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + (now - b.at) * this.perMs);
    b.at = now;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      throw rateLimited(Math.ceil((1 - b.tokens) / this.perMs / 1000));
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (now - this.lastSweep > 60_000) this.sweep(now);
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, b] of this.buckets) if (now - b.at > 120_000) this.buckets.delete(key);
  }
}

/**
 * The same budget kept in Redis, so it holds across every instance behind the balancer and across
 * restarts: one atomic INCR-with-expiry per request (a fixed one-minute window per user, where the memory
 * limiter refills continuously). When Redis is unreachable each instance falls back to its own memory budget
 * at once, rather than refusing everyone or waiting on a reconnect.
 */
export class RedisRateLimiter implements RequestLimiter {
  private readonly client: Redis;
  private readonly limiter: RateLimiterRedis;

  constructor(url: string, perMinute: number, log: Logger, keyPrefix = 'stoa:rl') {
    this.client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.client.on('error', (err: Error) => log.warn({ err: err.message }, 'rate limiter: redis error'));
    this.limiter = new RateLimiterRedis({
      storeClient: this.client,
      keyPrefix,
      points: perMinute,
      duration: 60,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: perMinute, duration: 60 }),
    });
  }

  /**
   * Resolves once the Redis connection is up (or after `timeoutMs` if it is not): until then every request
   * would fall back to this process' memory budget, which is what a shared limiter exists to avoid.
   */
  async ready(timeoutMs = 2000): Promise<this> {
    if (this.client.status === 'ready') return this;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.client.once('ready', () => resolve())),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return this;
  }

  async take(key: string): Promise<void> {
    try {
      await this.limiter.consume(key, 1);
    } catch (res) {
      if (res instanceof RateLimiterRes) throw rateLimited(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
      throw res;
    }
  }

  async close(): Promise<void> {
    this.client.disconnect();
    await Promise.resolve();
  }
}

/** The memory limiter behind the `RequestLimiter` interface (one process, or no Redis configured). */
export function memoryLimiter(perMinute: number): RequestLimiter {
  const limiter = new UserRateLimiter(perMinute);
  return { take: (key) => limiter.take(key), close: () => Promise.resolve() };
}
