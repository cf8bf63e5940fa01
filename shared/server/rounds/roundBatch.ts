import { isRefusal, reduce } from '../../contract/rounds';
import type { Refusal, RoundEffect, RoundEventInput, RoundState } from '../../contract/rounds';
import { keyOf, newSeed, type EventContext, type RoundActor, type RoundEntry } from './roundLog';
import type { RoundEventRow, RoundRowUpdate } from './roundStore';

/** One event to apply. `key` makes a retry answer like the first request and change nothing. */
export interface Submission {
  event: RoundEventInput;
  actor: RoundActor;
  key: string | null;
  context?: EventContext;
}

export type Outcome =
  | { kind: 'accepted'; state: RoundState }
  | { kind: 'duplicate'; state: RoundState }
  | { kind: 'refused'; state: RoundState; refusal: Refusal };

/** One accepted event, for the effect runner. */
export interface Change {
  prev: RoundState;
  next: RoundState;
  effects: RoundEffect[];
  actor: RoundActor;
}

/** A batch reduced on the entry's state: what to append, what each request gets, what changed. */
export interface Plan {
  state: RoundState;
  seq: number;
  lastAt: number;
  keys: Map<string, number>;
  rows: RoundEventRow[];
  changes: Change[];
  /** One per submission, in order; null for a read. */
  outcomes: Array<Outcome | null>;
  /** True when some event was refused: worth confirming against the log before answering. */
  refused: boolean;
}

/** Reduces a batch on the entry's state without touching the entry; `null` marks a read in the batch. */
export function planBatch(
  entry: RoundEntry,
  submissions: Array<Submission | null>,
  clock: () => number,
): Plan {
  let state = entry.state;
  let seq = entry.seq;
  let lastAt = entry.lastAt;
  let refused = false;
  const keys = new Map<string, number>();
  const rows: RoundEventRow[] = [];
  const changes: Change[] = [];
  const outcomes: Array<Outcome | null> = [];
  for (const submission of submissions) {
    if (submission === null) {
      outcomes.push(null);
      continue;
    }
    const { event, actor, key, context } = submission;
    const k = key === null ? null : keyOf(actor.userId, key);
    if (k !== null && (entry.keys.has(k) || keys.has(k))) {
      outcomes.push({ kind: 'duplicate', state });
      continue;
    }
    const now = Math.max(clock(), lastAt);
    const seed = newSeed();
    const result = reduce(state, event, {
      now,
      actor,
      seed,
      ...(context?.notes ? { notes: context.notes } : {}),
      ...(context?.held ? { held: true } : {}),
    });
    if (isRefusal(result)) {
      refused = true;
      outcomes.push({ kind: 'refused', state, refusal: result });
      continue;
    }
    if (result.state === state && result.effects.length === 0) {
      // Nothing changed (a retry the state machine recognised, an endorsement already given): no event.
      outcomes.push({ kind: key === null ? 'accepted' : 'duplicate', state });
      continue;
    }
    seq += 1;
    lastAt = now;
    if (k !== null) keys.set(k, seq);
    rows.push({
      round_id: entry.meta.id,
      seq,
      event: JSON.stringify(event),
      actor_id: actor.userId,
      actor: JSON.stringify(actor),
      at: now,
      seed,
      idempotency_key: key,
      context: context?.notes || context?.held ? JSON.stringify(context) : null,
    });
    changes.push({ prev: state, next: result.state, effects: result.effects, actor });
    state = result.state;
    outcomes.push({ kind: 'accepted', state });
  }
  // Every outcome answers with the state after the whole batch: the newest the caller can be shown.
  const final = state;
  const settled = outcomes.map((o) => (o === null ? null : { ...o, state: final }));
  return { state, seq, lastAt, keys, rows, changes, outcomes: settled, refused };
}

/** The change of the `rounds` row a plan needs: when phase or deadline moved, or a snapshot is due. */
export function rowUpdateFor(entry: RoundEntry, plan: Plan, snapshotEvery: number): RoundRowUpdate | null {
  const moved = plan.state.phase !== entry.row.phase || plan.state.deadline !== entry.row.deadline;
  const snapshotDue = plan.seq - entry.snapshotSeq >= snapshotEvery;
  if (!moved && !snapshotDue) return null;
  return {
    phase: plan.state.phase,
    deadline_at: plan.state.deadline,
    phase_seq: plan.seq,
    clearLease: moved,
    ...(snapshotDue ? { snapshot: { json: JSON.stringify(plan.state), seq: plan.seq } } : {}),
  };
}

/** Makes a stored plan the entry's state. */
export function applyPlan(entry: RoundEntry, plan: Plan, update: RoundRowUpdate | null): void {
  entry.state = plan.state;
  entry.seq = plan.seq;
  entry.lastAt = plan.lastAt;
  for (const [k, seq] of plan.keys) entry.keys.set(k, seq);
  if (update) {
    entry.row = { phase: update.phase, deadline: update.deadline_at };
    if (update.snapshot) entry.snapshotSeq = update.snapshot.seq;
  }
}
