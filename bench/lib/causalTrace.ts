import type { Trace } from './traces';

/**
 * The causal structure of a concurrent editing trace: for each transaction its agent, its ordinal among
 * that agent's transactions, and the version it was made on, as a vector of per-agent transaction counts.
 * (Every agent's own history is a prefix of its versions, so counts describe a version exactly.)
 */
export interface CausalTrace {
  agents: number;
  agent: number[];
  ordinal: number[];
  version: number[][];
  /** Indexes of each agent's transactions, in order. */
  byAgent: number[][];
}

/** Builds the causal structure; throws if an agent's transaction does not include its own history. */
export function causalTrace(trace: Trace): CausalTrace {
  const agents = trace.numAgents ?? 1;
  const agent: number[] = [];
  const ordinal: number[] = [];
  const version: number[][] = [];
  const byAgent: number[][] = Array.from({ length: agents }, () => []);
  trace.txns.forEach((txn, i) => {
    const a = txn.agent ?? 0;
    const v = new Array<number>(agents).fill(0);
    for (const p of txn.parents ?? (i > 0 ? [i - 1] : [])) {
      const pv = version[p]!;
      for (let b = 0; b < agents; b++) v[b] = Math.max(v[b]!, pv[b]! + (agent[p] === b ? 1 : 0));
    }
    if (v[a] !== byAgent[a]!.length) throw new Error(`txn ${i}: agent ${a} does not see its own history`);
    agent.push(a);
    ordinal.push(byAgent[a]!.length);
    version.push(v);
    byAgent[a]!.push(i);
  });
  return { agents, agent, ordinal, version, byAgent };
}

/**
 * When each transaction is due, in ms from the start: the trace's timestamps compressed `factor` times
 * (transactions of one agent within the same second spread evenly over it, since stamps are whole
 * seconds). Traces without real timestamps (all at the epoch) are paced at `fallbackMs` per transaction
 * of trace order before compressing.
 */
export function schedule(trace: Trace, ct: CausalTrace, factor: number, fallbackMs: number): number[] {
  const times = trace.txns.map((t) => (t.time ? Date.parse(t.time) : 0));
  const timed = times.some((t) => t !== times[0]);
  if (!timed) return times.map((_, i) => (i * fallbackMs) / factor);
  const start = Math.min(...times);
  const due = new Array<number>(times.length).fill(0);
  for (const list of ct.byAgent) {
    for (let k = 0; k < list.length;) {
      let end = k;
      while (end < list.length && times[list[end]!] === times[list[k]!]) end++;
      for (let j = k; j < end; j++) {
        const i = list[j]!;
        due[i] = (times[i]! - start + ((j - k) * 1000) / (end - k)) / factor;
      }
      k = end;
    }
  }
  return due;
}
