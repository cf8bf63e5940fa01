import { randomInt } from 'node:crypto';
import { reduce, isRefusal } from '../../contract/rounds';
import type { ActorRole, NotesPassage, RoundEventInput, RoundKind, RoundState } from '../../contract/rounds';
import type { RoundEventRow, RoundRow, RoundStore } from './roundStore';

/** Who an event is applied for. */
export interface RoundActor {
  userId: string;
  role: ActorRole;
  name: string;
}

/** The service's timer. Its id cannot be a Teams or dev user id (those have no colon prefix `stoa:`). */
export const SYSTEM_ACTOR: RoundActor = { userId: 'stoa:system', role: 'system', name: 'Stoa' };

/** Reduce context beyond actor, clock and seed that is stored with an event so a replay is identical. */
export interface EventContext {
  notes?: NotesPassage[];
  /** The word filter's verdict on a word-cloud entry, so a replay holds back the same entries. */
  held?: boolean;
}

/** Where a round belongs; never changes. */
export interface RoundMeta {
  id: string;
  sessionId: string;
  classId: string;
  tenantId: string;
  kind: RoundKind;
  /** The facilitator who created it: whom the bot acts for when it reads the round back. */
  createdBy: string;
}

/** The latest known state of one round on this instance. */
export interface RoundEntry {
  meta: RoundMeta;
  state: RoundState;
  seq: number;
  snapshotSeq: number;
  /** Time of the newest event: a later event never gets an earlier `now`, whatever the clocks say. */
  lastAt: number;
  /** `actorId \0 key` of every recorded event that carried an idempotency key, to its seq. */
  keys: Map<string, number>;
  /** Phase and deadline as the `rounds` row has them. */
  row: { phase: string; deadline: number | null };
}

/** The map key of an idempotency key: keys are per actor, so two students may pick the same one. */
export const keyOf = (actorId: string, key: string): string => `${actorId}\u0000${key}`;

/** A fresh seed for grouping and assignment; stored with the event. */
export const newSeed = (): number => randomInt(0, 2 ** 31 - 1);

export function metaOf(row: RoundRow): RoundMeta {
  return {
    id: row.id,
    sessionId: row.session_id,
    classId: row.class_id,
    tenantId: row.tenant_id,
    kind: row.kind as RoundKind,
    createdBy: row.created_by,
  };
}

/** Applies a stored event again. It was accepted when written and `reduce` is pure, so it must be again. */
export function replay(state: RoundState, row: RoundEventRow): RoundState {
  const context = row.context ? (JSON.parse(row.context) as EventContext) : {};
  const result = reduce(state, JSON.parse(row.event) as RoundEventInput, {
    now: row.at,
    actor: JSON.parse(row.actor) as RoundActor,
    seed: row.seed,
    ...(context.notes ? { notes: context.notes } : {}),
    ...(context.held ? { held: true } : {}),
  });
  if (isRefusal(result)) {
    throw new Error(`round ${row.round_id}: stored event ${row.seq} no longer applies (${result.error})`);
  }
  return result.state;
}

/** Applies events newer than the entry's seq (written by another instance, or before a restart). */
export async function catchUp(store: RoundStore, entry: RoundEntry): Promise<number> {
  let applied = 0;
  for (;;) {
    const rows = await store.eventsAfter(entry.meta.id, entry.seq);
    for (const row of rows) {
      entry.state = replay(entry.state, row);
      entry.seq = row.seq;
      entry.lastAt = Math.max(entry.lastAt, row.at);
      if (row.idempotency_key !== null) entry.keys.set(keyOf(row.actor_id, row.idempotency_key), row.seq);
    }
    applied += rows.length;
    if (rows.length < 1000) break;
  }
  if (applied > 0) entry.row = { phase: entry.state.phase, deadline: entry.state.deadline };
  return applied;
}

/** Loads a round: its snapshot, the keys the snapshot covers, then every event after it. */
export async function loadEntry(store: RoundStore, id: string): Promise<RoundEntry | null> {
  const row = await store.findRound(id);
  if (!row) return null;
  const state = JSON.parse(row.snapshot) as RoundState;
  const keys = new Map<string, number>();
  for (const k of await store.keysUpTo(id, row.snapshot_seq)) {
    if (k.idempotency_key !== null) keys.set(keyOf(k.actor_id, k.idempotency_key), k.seq);
  }
  const entry: RoundEntry = {
    meta: metaOf(row),
    state,
    seq: row.snapshot_seq,
    snapshotSeq: row.snapshot_seq,
    lastAt: state.phaseStartedAt,
    keys,
    row: { phase: row.phase, deadline: row.deadline_at },
  };
  // Writers move the row in the same transaction as a phase change, so after a catch-up the state's phase
  // and deadline are the row's.
  await catchUp(store, entry);
  return entry;
}
