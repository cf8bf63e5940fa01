import type { Logger } from 'pino';
import type { RoundPhase } from '../../contract/rounds';
import type { RoundEngine } from './roundEngine';
import { SYSTEM_ACTOR } from './roundLog';
import type { DueDeadline, RoundStore } from './roundStore';

export interface SchedulerOptions {
  store: RoundStore;
  engine: RoundEngine;
  clock: () => number;
  log: Logger;
  /** Identifies this instance in the lease column (for logs and debugging). */
  owner: string;
  pollMs: number;
  /** How long a claimed deadline stays with this instance before another may take it over. */
  leaseMs?: number;
}

/** Deadlines claimed per poll; the rest wait for the next poll. */
const BATCH = 50;

/**
 * Fires phase deadlines. Every instance polls the rounds whose stored deadline has passed and claims each
 * with a lease (a conditional update only one instance can win), then applies `closePhase` as the system.
 * Deadlines live in the database, so a restarted service fires what fell due while it was down on its
 * first poll, and an instance that dies holding a lease only delays the deadline until the lease ends.
 */
export class DeadlineScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly o: SchedulerOptions) {}

  /** Polls now, then every `pollMs` until `close()`. */
  start(): void {
    this.tick();
  }

  /** Stops polling and waits for deadlines being fired. */
  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick(): void {
    if (this.stopped) return;
    this.running = this.poll()
      .catch((err: unknown) => this.o.log.warn({ err }, 'rounds: deadline poll failed'))
      .finally(() => {
        this.running = null;
        if (!this.stopped) this.timer = setTimeout(() => this.tick(), this.o.pollMs);
      });
  }

  /** One pass: claim every due deadline it can and fire them in parallel. */
  async poll(): Promise<void> {
    const now = this.o.clock();
    const due = await this.o.store.dueDeadlines(now, BATCH);
    await Promise.all(due.map((d) => this.claimAndFire(d, now)));
  }

  private async claimAndFire(d: DueDeadline, now: number): Promise<void> {
    const leaseMs = this.o.leaseMs ?? 30_000;
    if (!(await this.o.store.claimDeadline(d.id, d.deadline_at, now, leaseMs, this.o.owner))) return;
    try {
      const outcome = await this.o.engine.submit(d.id, {
        event: { type: 'closePhase', phase: d.phase as RoundPhase },
        actor: SYSTEM_ACTOR,
        key: null,
      });
      if (outcome.kind === 'refused') {
        // The round moved on without this row knowing (closed early, extended, cancelled): the row takes
        // the state's phase and deadline, and the lease is dropped so a new deadline can be claimed.
        const state = await this.o.engine.syncRow(d.id);
        this.o.log.info(
          { roundId: d.id, phase: d.phase, now: state.phase, reason: outcome.refusal.error },
          'rounds: stale deadline skipped',
        );
      }
    } catch (err) {
      this.o.log.warn(
        { err, roundId: d.id },
        'rounds: firing a deadline failed; it is retried when the lease ends',
      );
    }
  }
}
