import { ServiceError } from '../errors';

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
      throw new ServiceError('rate_limited', 'Too many requests; slow down and try again in a moment.', {
        retryAfterSeconds: Math.ceil((1 - b.tokens) / this.perMs / 1000),
      });
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
