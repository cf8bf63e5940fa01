import type { Logger } from 'pino';
import type { PrivacyDeps } from './deps';
import { runRetention, type RetentionRun } from './retention';

const JOB = 'retention';
/** Longest a run may take before another instance may take over. */
const LEASE_MS = 10 * 60_000;

/**
 * Runs retention every `intervalMs` on exactly one instance: a run first takes the `job_leases` row, which
 * matches only when no live lease exists and the last run is an interval old, so of several instances
 * polling at once one wins and the rest find it done.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly deps: PrivacyDeps,
    private readonly o: { owner: string; intervalMs: number; clock: () => number; log: Logger },
  ) {}

  start(): void {
    const tick = () => {
      this.running ??= this.runOnce(this.o.clock())
        .catch((err: unknown) => this.o.log.error({ err }, 'privacy: retention run failed'))
        .finally(() => (this.running = null));
    };
    // First run soon after start (a restarted service does not wait a whole interval), then on the interval.
    this.timer = setInterval(tick, Math.min(this.o.intervalMs, 60_000));
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Runs retention now if this instance wins the lease; null when another instance has it or ran recently. */
  async runOnce(now: number): Promise<RetentionRun | null> {
    const { pdb } = this.deps;
    await pdb
      .insertInto('job_leases')
      .values({ name: JOB, owner: null, lease_until: 0, last_run_at: null })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const claimed = await pdb
      .updateTable('job_leases')
      .set({ owner: this.o.owner, lease_until: now + LEASE_MS })
      .where('name', '=', JOB)
      .where('lease_until', '<', now)
      .where((eb) => eb.or([eb('last_run_at', 'is', null), eb('last_run_at', '<=', now - this.o.intervalMs)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return null;
    try {
      const run = await runRetention(this.deps, now);
      if (run.deletedClasses.length > 0) {
        this.o.log.info({ classes: run.deletedClasses.length }, 'privacy: retention deleted expired classes');
      }
      await pdb
        .updateTable('job_leases')
        .set({ last_run_at: now, lease_until: 0, owner: null })
        .where('name', '=', JOB)
        .where('owner', '=', this.o.owner)
        .execute();
      return run;
    } catch (err) {
      await pdb
        .updateTable('job_leases')
        .set({ lease_until: 0, owner: null })
        .where('name', '=', JOB)
        .where('owner', '=', this.o.owner)
        .execute();
      throw err;
    }
  }
}
