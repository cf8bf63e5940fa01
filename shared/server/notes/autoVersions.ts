import type { Logger } from 'pino';
import type { NoteStore } from './noteStore';

export interface AutoVersionOptions {
  store: NoteStore;
  log: Logger;
  /** At most one automatic version per note per this many ms of activity. */
  intervalMs: number;
  /** Automatic versions kept per note (newest first); older ones are deleted. */
  keep: number;
  /** Saves the note as it is now as an `auto` version. */
  take(sessionId: string): Promise<void>;
}

/**
 * Automatic versions on activity: when a note's edits are stored and its newest automatic version is at
 * least `intervalMs` old, the note is saved as a version, and the oldest automatic ones beyond `keep` are
 * deleted (manual, before-restore and end-of-session versions are never pruned). A note without one counts
 * from the first activity this instance saw, so the first version holds ten minutes of work, not one
 * keystroke. The clock is a field so tests move time instead of waiting.
 */
export class AutoVersions {
  clock: () => number = Date.now;
  /** Per note: when the interval started (last automatic version, or first activity seen). */
  private readonly since = new Map<string, number>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly opts: AutoVersionOptions) {}

  /** Called when edits of a note were stored. */
  activity(sessionId: string): void {
    if (this.running.has(sessionId)) return;
    const since = this.since.get(sessionId);
    const now = this.clock();
    if (since !== undefined && now - since < this.opts.intervalMs) return;
    const run = this.check(sessionId, since, now).finally(() => this.running.delete(sessionId));
    this.running.set(sessionId, run);
  }

  /** Resolves when the checks started so far are done (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.running.values()]);
  }

  /** Forgets a note this instance no longer has open. */
  forget(sessionId: string): void {
    this.since.delete(sessionId);
  }

  private async check(sessionId: string, since: number | undefined, now: number): Promise<void> {
    try {
      // Storage knows versions other instances (or an earlier run) made.
      const latest = await this.opts.store.latestVersionAt(sessionId, 'auto');
      const start = Math.max(latest ?? -Infinity, since ?? -Infinity);
      if (start === -Infinity) {
        this.since.set(sessionId, now);
        return;
      }
      if (now - start < this.opts.intervalMs) {
        this.since.set(sessionId, start);
        return;
      }
      await this.opts.take(sessionId);
      this.since.set(sessionId, now);
      await this.opts.store.pruneVersions(sessionId, 'auto', this.opts.keep);
    } catch (err) {
      this.opts.log.warn({ err, sessionId }, 'notes: automatic version failed');
    }
  }
}
