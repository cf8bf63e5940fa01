import * as Y from 'yjs';
import type { CausalTrace } from './causalTrace';
import type { Trace } from './traces';
import type { TypistClient } from './typistClient';

interface TxnRecord {
  /** The author's Yjs clock after the transaction (its inserts end there). */
  endClock: number;
  /** Characters (client, clock) the author deleted in its version, including already-deleted ones. */
  deletes: Array<[number, number]>;
}

/**
 * What the harness learns from each author as it types (filled synchronously, before the update can reach
 * anyone): the Yjs ids a transaction produced and deleted. Receivers use it to tell which transactions
 * they already hold and to see the document as the author of a transaction saw it.
 */
export class Ledger {
  readonly clientOf: number[] = [];
  readonly baseClock: number[] = [];
  readonly records: TxnRecord[][];
  readonly deletedBy = new Map<string, Array<[agent: number, ordinal: number]>>();

  constructor(agents: number) {
    this.records = Array.from({ length: agents }, () => []);
  }

  /** Clock below which agent `b`'s characters belong to a version holding `count` of its transactions. */
  cutoff(b: number, count: number): number {
    return count === 0 ? this.baseClock[b]! : this.records[b]![count - 1]!.endClock;
  }
}

const key = (client: number, clock: number) => `${client}:${clock}`;

function rangeDeleted(doc: Y.Doc, client: number, clock: number): boolean {
  if (clock >= Y.getState(doc.store, client)) return false;
  const struct = Y.getItem(doc.store, Y.createID(client, clock)) as Y.Item | Y.GC;
  return !(struct instanceof Y.Item) || struct.deleted;
}

/**
 * Replays one agent's transactions of a concurrent trace through its own provider client, at their due
 * times and only once the transactions they were made on have arrived over the network. Positions in
 * the trace are relative to the author's version; when this client already holds concurrent changes the
 * author had not seen, positions are mapped through the characters visible in that version.
 */
export class AgentReplay {
  private readonly received: number[];
  private lastDeletes: Array<[number, number]> = [];
  /** Transactions applied on a document holding changes the author had not seen. */
  mapped = 0;
  waitedMs = 0;

  constructor(
    private readonly agent: number,
    private readonly client: TypistClient,
    private readonly trace: Trace,
    private readonly ct: CausalTrace,
    private readonly ledger: Ledger,
  ) {
    this.received = new Array<number>(ct.agents).fill(0);
    client.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (!tr.local) return;
      const out: Array<[number, number]> = [];
      for (const [c, items] of tr.deleteSet.clients) {
        for (const d of items) for (let k = 0; k < d.len; k++) out.push([c, d.clock + k]);
      }
      this.lastDeletes = out;
    });
  }

  /** Advances, per other agent, how many of its transactions this client holds. */
  private refresh(): void {
    const doc = this.client.doc;
    for (let b = 0; b < this.ct.agents; b++) {
      if (b === this.agent) continue;
      const recs = this.ledger.records[b]!;
      const client = this.ledger.clientOf[b]!;
      while (this.received[b]! < recs.length) {
        const rec = recs[this.received[b]!]!;
        if (Y.getState(doc.store, client) < rec.endClock) break;
        if (!rec.deletes.every(([c, k]) => rangeDeleted(doc, c, k))) break;
        this.received[b]! += 1;
      }
    }
  }

  /** Types every transaction of this agent; resolves when the last one is applied. */
  async run(due: number[], startedAt: number, deadline: number): Promise<void> {
    for (const i of this.ct.byAgent[this.agent]!) {
      const wait = startedAt + due[i]! - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const v = this.ct.version[i]!;
      const w0 = performance.now();
      for (;;) {
        this.refresh();
        if (this.received.every((n, b) => b === this.agent || n >= v[b]!)) break;
        if (performance.now() > deadline) throw new Error(`agent ${this.agent}: txn ${i} never became ready`);
        await this.nextRemoteUpdate(50);
      }
      this.waitedMs += performance.now() - w0;
      this.apply(i, v);
    }
  }

  private nextRemoteUpdate(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.client.doc.off('update', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.client.doc.on('update', done);
    });
  }

  private apply(i: number, v: number[]): void {
    const text = this.client.text!;
    const ordinal = this.ct.ordinal[i]!;
    const exact = this.received.every((n, b) => b === this.agent || n === v[b]);
    let deletes: Array<[number, number]> = [];
    text.doc!.transact(() => {
      for (const [pos, del, ins] of this.trace.txns[i]!.patches) {
        if (exact) {
          if (del > 0) text.delete(pos, del);
          if (ins) text.insert(pos, ins);
          continue;
        }
        const m = this.map(text, v, ordinal, pos, del, deletes);
        for (let end = m.deleteAt.length; end > 0;) {
          let start = end - 1;
          while (start > 0 && m.deleteAt[start - 1] === m.deleteAt[start]! - 1) start--;
          text.delete(m.deleteAt[start]!, end - start);
          end = start;
        }
        if (ins) text.insert(m.insertAt, ins);
      }
    });
    if (exact) deletes = this.lastDeletes;
    else this.mapped += 1;
    for (const [c, k] of deletes) {
      const list = this.ledger.deletedBy.get(key(c, k));
      if (list) list.push([this.agent, ordinal]);
      else this.ledger.deletedBy.set(key(c, k), [[this.agent, ordinal]]);
    }
    this.ledger.records[this.agent]!.push({
      endClock: Y.getState(text.doc!.store, text.doc!.clientID),
      deletes,
    });
  }

  /**
   * Where a patch made on version `v` lands in this client's document: walks the text, counting only
   * characters that existed and were not deleted in `v` (or earlier in this transaction), and returns
   * the live index to insert at (right after the version's character before `pos`) and the live indexes
   * of the version's characters to delete that are still there.
   */
  private map(
    text: Y.XmlText,
    v: number[],
    ordinal: number,
    pos: number,
    del: number,
    deletes: Array<[number, number]>,
  ) {
    const cutoff = new Map<number, number>();
    v.forEach((count, b) => {
      if (b !== this.agent) cutoff.set(this.ledger.clientOf[b]!, this.ledger.cutoff(b, count));
    });
    const deletedNow = new Set(deletes.map(([c, k]) => key(c, k)));
    const deletedInV = (c: number, k: number) =>
      deletedNow.has(key(c, k)) ||
      (this.ledger.deletedBy.get(key(c, k)) ?? []).some(([b, o]) =>
        b === this.agent ? o < ordinal : o < v[b]!,
      );
    let vpos = 0;
    let live = 0;
    let insertAt = pos === 0 ? 0 : -1;
    const deleteAt: number[] = [];
    for (let item = text._start; item !== null; item = item.right) {
      if (insertAt >= 0 && vpos >= pos + del) break;
      if (!item.countable) continue;
      const { client, clock } = item.id;
      const cut = cutoff.get(client) ?? Infinity;
      if (!item.deleted && clock + item.length <= cut) {
        // Common case: a whole run the author saw, still there.
        const lo = vpos;
        if (insertAt < 0 && pos > lo && pos <= lo + item.length) insertAt = live + (pos - lo);
        for (let x = Math.max(lo, pos); x < Math.min(lo + item.length, pos + del); x++) {
          deleteAt.push(live + (x - lo));
          deletes.push([client, clock + (x - lo)]);
        }
        vpos += item.length;
        live += item.length;
        continue;
      }
      for (let j = 0; j < item.length; j++) {
        const k = clock + j;
        const present = !item.deleted;
        if (k < cut && (present || !deletedInV(client, k))) {
          if (vpos >= pos && vpos < pos + del) {
            if (present) deleteAt.push(live);
            deletes.push([client, k]);
          }
          vpos += 1;
          if (insertAt < 0 && vpos === pos) insertAt = live + (present ? 1 : 0);
        }
        if (present) live += 1;
      }
    }
    return { insertAt: insertAt < 0 ? live : insertAt, deleteAt };
  }
}
