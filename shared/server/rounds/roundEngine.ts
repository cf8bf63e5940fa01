import type { Logger } from 'pino';
import type { RoundState } from '../../contract/rounds';
import { isUniqueViolation } from '../storage/stores';
import { applyPlan, planBatch, rowUpdateFor, type Change, type Outcome, type Submission } from './roundBatch';
import { catchUp, loadEntry, metaOf, type RoundEntry, type RoundMeta } from './roundLog';
import { MAX_APPEND_ROWS, type RoundRow, type RoundStore } from './roundStore';

export type { Change, Outcome, Submission } from './roundBatch';

/** What a committed batch hands on: the round's state after it and each accepted event in order. */
export interface Committed {
  meta: RoundMeta;
  state: RoundState;
  changes: Change[];
}

export interface RoundEngineOptions {
  store: RoundStore;
  clock: () => number;
  log: Logger;
  onCommit: (committed: Committed) => void;
  /** A snapshot of the state is written every this many events, so a load replays at most that many. */
  snapshotEvery?: number;
  /** Rounds kept in memory; the least recently used one beyond this is dropped (and reloaded on need). */
  cacheMax?: number;
}

type Job =
  | { type: 'submit'; submission: Submission; resolve: (o: Outcome) => void; reject: (e: unknown) => void }
  | { type: 'read'; resolve: (s: RoundState) => void; reject: (e: unknown) => void }
  | { type: 'sync'; resolve: (s: RoundState) => void; reject: (e: unknown) => void };

/** Attempts of one batch against a log other instances keep appending to. */
const MAX_ATTEMPTS = 8;

/**
 * Runs the round state machine authoritatively over the event log. Per round, requests queue in process and
 * are applied in batches: each is reduced on the latest state, the accepted ones are appended with the next
 * seqs in one statement, and only then answered. Another instance appending first shows as a unique
 * violation: the batch catches up on the log and is reduced again. A refusal is confirmed the same way, so
 * a stale cache can delay an answer but never decide it.
 */
export class RoundEngine {
  private readonly entries = new Map<string, RoundEntry>();
  private readonly loading = new Map<string, Promise<RoundEntry | null>>();
  private readonly queues = new Map<string, Job[]>();
  private readonly draining = new Map<string, Promise<void>>();
  private readonly snapshotEvery: number;
  private readonly cacheMax: number;

  constructor(private readonly o: RoundEngineOptions) {
    this.snapshotEvery = o.snapshotEvery ?? 100;
    this.cacheMax = o.cacheMax ?? 1000;
  }

  /** Stores a new round (state at seq 0) and keeps it in memory. */
  async create(row: RoundRow, state: RoundState): Promise<void> {
    await this.o.store.insertRound(row);
    this.remember({
      meta: metaOf(row),
      state,
      seq: 0,
      snapshotSeq: 0,
      lastAt: row.created_at,
      keys: new Map(),
      row: { phase: row.phase, deadline: row.deadline_at },
    });
  }

  /** Where a round belongs, or null when there is no such round. */
  async meta(roundId: string): Promise<RoundMeta | null> {
    return (await this.entry(roundId))?.meta ?? null;
  }

  /** Applies one event; resolves once it is stored (or known to be a duplicate or refused). */
  submit(roundId: string, submission: Submission): Promise<Outcome> {
    return new Promise((resolve, reject) =>
      this.enqueue(roundId, { type: 'submit', submission, resolve, reject }),
    );
  }

  /** The round's state including every event any instance has stored. */
  read(roundId: string): Promise<RoundState> {
    return new Promise((resolve, reject) => this.enqueue(roundId, { type: 'read', resolve, reject }));
  }

  /**
   * Writes the phase and deadline of the latest state to the round's row and drops its lease: for a timer
   * that found the round already moved on.
   */
  syncRow(roundId: string): Promise<RoundState> {
    return new Promise((resolve, reject) => this.enqueue(roundId, { type: 'sync', resolve, reject }));
  }

  /** Drops rounds from memory so the next use reloads them from storage (their stored log was rewritten). */
  forget(roundIds: Iterable<string>): void {
    for (const id of roundIds) this.entries.delete(id);
  }

  /** Resolves when every queued request has been handled. */
  async idle(): Promise<void> {
    while (this.draining.size > 0) await Promise.all([...this.draining.values()]);
  }

  private async entry(roundId: string): Promise<RoundEntry | null> {
    const cached = this.entries.get(roundId);
    if (cached) return cached;
    let pending = this.loading.get(roundId);
    if (!pending) {
      pending = loadEntry(this.o.store, roundId).finally(() => this.loading.delete(roundId));
      this.loading.set(roundId, pending);
    }
    const loaded = await pending;
    if (!loaded) return null;
    return this.entries.get(roundId) ?? this.remember(loaded);
  }

  private remember(entry: RoundEntry): RoundEntry {
    this.entries.set(entry.meta.id, entry);
    if (this.entries.size > this.cacheMax) {
      for (const id of this.entries.keys()) {
        if (this.entries.size <= this.cacheMax) break;
        if (!this.draining.has(id)) this.entries.delete(id);
      }
    }
    return entry;
  }

  private enqueue(roundId: string, job: Job): void {
    const queue = this.queues.get(roundId) ?? [];
    queue.push(job);
    this.queues.set(roundId, queue);
    if (this.draining.has(roundId)) return;
    this.draining.set(roundId, this.drain(roundId));
  }

  private async drain(roundId: string): Promise<void> {
    for (;;) {
      const queue = this.queues.get(roundId) ?? [];
      if (queue.length === 0) {
        // Both in the same synchronous step as the check: a job enqueued after it starts a new drain. (The
        // first pass always has a job, so this never runs before `enqueue` has recorded the drain.)
        this.queues.delete(roundId);
        this.draining.delete(roundId);
        return;
      }
      const jobs = queue.splice(0, MAX_APPEND_ROWS);
      try {
        const entry = await this.entry(roundId);
        if (!entry) throw new RoundNotFound();
        // LRU: the round just used moves to the back of the eviction order.
        this.entries.delete(roundId);
        this.entries.set(roundId, entry);
        await this.runBatch(entry, jobs);
      } catch (err) {
        for (const job of jobs) job.reject(err);
      }
    }
  }

  private async runBatch(entry: RoundEntry, jobs: Job[]): Promise<void> {
    if (jobs.some((j) => j.type !== 'submit')) await catchUp(this.o.store, entry);
    for (let attempt = 1; ; attempt++) {
      const plan = planBatch(
        entry,
        jobs.map((j) => (j.type === 'submit' ? j.submission : null)),
        this.o.clock,
      );
      const last = attempt >= MAX_ATTEMPTS;
      if (plan.refused && !last && (await catchUp(this.o.store, entry)) > 0) continue;
      if (plan.rows.length > 0) {
        const update = rowUpdateFor(entry, plan, this.snapshotEvery);
        try {
          await this.o.store.append(entry.meta.id, plan.rows, update, this.o.clock());
        } catch (err) {
          if (!isUniqueViolation(err) || last) throw err;
          await catchUp(this.o.store, entry);
          continue;
        }
        applyPlan(entry, plan, update);
      }
      if (jobs.some((j) => j.type === 'sync')) {
        const { phase, deadline } = entry.state;
        await this.o.store.syncRow(entry.meta.id, phase, deadline, entry.seq, this.o.clock());
        entry.row = { phase, deadline };
      }
      jobs.forEach((job, i) => {
        if (job.type === 'submit') job.resolve(plan.outcomes[i] as Outcome);
        else job.resolve(entry.state);
      });
      if (plan.changes.length > 0) {
        try {
          this.o.onCommit({ meta: entry.meta, state: entry.state, changes: plan.changes });
        } catch (err) {
          this.o.log.error({ err, roundId: entry.meta.id }, 'rounds: running effects failed');
        }
      }
      return;
    }
  }
}

/** Thrown for a round id that does not exist (the routes check first; a round is never deleted alone). */
export class RoundNotFound extends Error {
  constructor() {
    super('round not found');
    this.name = 'RoundNotFound';
  }
}
