/**
 * Token buckets of notes messages keyed by user (tenant + user id), shared by all of a user's connections:
 * a lecture hall shares one NAT address, so an IP says nothing about who is sending. Idle buckets are
 * swept so memory stays bounded.
 */
export class MessageBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;
  private lastSweep = Date.now();

  constructor(
    perSecond: number,
    private readonly burst: number,
  ) {
    this.perMs = perSecond / 1000;
  }

  /** Takes `n` tokens for the key; false when the key has used up its budget. */
  take(key: string, n = 1, now = Date.now()): boolean {
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: this.burst, at: now };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.burst, b.tokens + (now - b.at) * this.perMs);
      b.at = now;
    }
    if (now - this.lastSweep > 60_000) this.sweep(now);
    if (b.tokens < n) return false;
    b.tokens -= n;
    return true;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    const full = this.burst / this.perMs;
    for (const [key, b] of this.buckets) if (now - b.at > full) this.buckets.delete(key);
  }
}
