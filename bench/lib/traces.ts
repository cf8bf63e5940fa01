import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** One edit: delete `del` characters at `pos`, then insert `text` there (positions in code points). */
export type Patch = [pos: number, del: number, text: string];

export interface TraceTxn {
  patches: Patch[];
  time?: string;
  /** Concurrent traces: who made it and the transactions it was made on top of. */
  agent?: number;
  parents?: number[];
}

export interface Trace {
  kind?: 'concurrent';
  numAgents?: number;
  startContent?: string;
  endContent: string;
  txns: TraceTxn[];
}

/** Where the editing traces live: `../shared/data/editing-traces/` next to the repo, or EDITING_TRACES_DIR. */
function traceDir(): string {
  return (
    process.env.EDITING_TRACES_DIR ??
    fileURLToPath(new URL('../../../shared/data/editing-traces/', import.meta.url))
  );
}

/**
 * Reads a trace (`automerge-paper`, `friendsforever`, `clownschool`). Yjs positions are UTF-16 code units;
 * the traces count code points, so a trace with characters outside the BMP is refused rather than replayed
 * at shifted positions (none of the three has any).
 */
export function loadTrace(name: string): Trace {
  const trace = JSON.parse(
    gunzipSync(readFileSync(`${traceDir()}/${name}.json.gz`)).toString('utf8'),
  ) as Trace;
  const astral = /[\u{10000}-\u{10FFFF}]/u;
  if (astral.test(trace.endContent) || trace.txns.some((t) => t.patches.some((p) => astral.test(p[2])))) {
    throw new Error(`${name}: characters outside the BMP; positions would need converting`);
  }
  return trace;
}

/** The text after the first `count` transactions, applied to a plain string (the reference result). */
export function textAfter(trace: Trace, count: number): string {
  if (count >= trace.txns.length) return trace.endContent;
  let s = trace.startContent ?? '';
  for (const t of trace.txns.slice(0, count)) {
    for (const [pos, del, text] of t.patches) s = s.slice(0, pos) + text + s.slice(pos + del);
  }
  return s;
}
