/** Rounds tracked at once before idle ones are forgotten. */
const MAX_KEYS = 10_000;

/**
 * Thins repeated work per key: the first request runs at once, later ones within `intervalMs` collapse
 * into one trailing run. Used for tally updates of a round's card, so a burst of 2,000 answers becomes a
 * handful of card updates. The timers are only a cache of intent: a restarted bot simply updates on the
 * next notification.
 */
export class Coalescer {
  private readonly keys = new Map<
    string,
    { last: number; timer: NodeJS.Timeout | null; work: (() => Promise<void>) | null }
  >();

  constructor(
    private readonly intervalMs: number,
    private readonly onError: (err: unknown, key: string) => void,
  ) {}

  /** Runs `work` now (returns true, after it finished) or schedules it as the key's trailing run (false). */
  async request(key: string, work: () => Promise<void>): Promise<boolean> {
    const now = Date.now();
    if (this.keys.size > MAX_KEYS) this.prune(now);
    const entry = this.keys.get(key) ?? { last: 0, timer: null, work: null };
    this.keys.set(key, entry);
    if (!entry.timer && now - entry.last >= this.intervalMs) {
      entry.last = now;
      await work();
      return true;
    }
    entry.work = work;
    entry.timer ??= setTimeout(
      () => {
        entry.timer = null;
        entry.last = Date.now();
        const next = entry.work;
        entry.work = null;
        next?.().catch((err: unknown) => this.onError(err, key));
      },
      Math.max(0, entry.last + this.intervalMs - now),
    );
    entry.timer.unref();
    return false;
  }

  /** A phase change supersedes the key's pending tally work. */
  drop(key: string): void {
    const entry = this.keys.get(key);
    if (entry?.timer) clearTimeout(entry.timer);
    this.keys.delete(key);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.keys)
      if (!entry.timer && now - entry.last >= this.intervalMs) this.keys.delete(key);
  }

  /** Cancels every pending run (shutdown). */
  close(): void {
    for (const entry of this.keys.values()) if (entry.timer) clearTimeout(entry.timer);
    this.keys.clear();
  }
}
