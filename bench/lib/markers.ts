/**
 * Keystroke markers: every keystroke of a typist inserts `~` + typist id (2 base-36 chars) + its send time
 * (5 base-36 chars, in 0.1 ms since the run's epoch on the monotonic clock, which all processes of the
 * machine share). Yjs writes inserted strings as plain UTF-8 into updates, so a receiver finds the marker
 * in the raw bytes of an update message and knows the latency without decoding or applying anything.
 */
const TILDE = 0x7e;
export const MARKER_LENGTH = 8;
/** Histogram resolution (0.1 ms) and range (30 s; slower arrivals land in the last bucket). */
const BUCKETS = 300_000;

/** Now, in 0.1 ms units since `epochNs` (from `process.hrtime.bigint()` of any process on this machine). */
export function unitsSince(epochNs: bigint): number {
  return Number(process.hrtime.bigint() - epochNs) / 1e5;
}

/** The text a typist inserts for one keystroke. */
export function marker(typist: number, units: number): string {
  return `~${typist.toString(36).padStart(2, '0')}${Math.floor(units).toString(36).padStart(5, '0')}`;
}

function digit(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  return -1;
}

/**
 * Calls `found(typist, sentUnits)` for every marker in `buf` from `from` on. A `~` byte that belongs to
 * Yjs' binary framing is rejected unless seven base-36 characters follow (chance about 1e-6 per byte).
 */
export function scanMarkers(
  buf: Uint8Array,
  from: number,
  found: (typist: number, units: number) => void,
): void {
  for (let i = buf.indexOf(TILDE, from); i >= 0; i = buf.indexOf(TILDE, i + 1)) {
    if (i + MARKER_LENGTH > buf.length) return;
    let typist = 0;
    let units = 0;
    let ok = true;
    for (let k = 1; k < MARKER_LENGTH; k++) {
      const d = digit(buf[i + k]);
      if (d < 0) {
        ok = false;
        break;
      }
      if (k <= 2) typist = typist * 36 + d;
      else units = units * 36 + d;
    }
    if (ok) found(typist, units);
  }
}

/** Latencies in 0.1 ms buckets: cheap to fill in a hot loop, merged across processes. */
export class Histogram {
  readonly counts = new Uint32Array(BUCKETS);
  total = 0;

  add(units: number): void {
    const b = Math.min(BUCKETS - 1, Math.max(0, Math.floor(units)));
    this.counts[b]! += 1;
    this.total += 1;
  }

  /** Non-empty buckets as [bucket, count] pairs (for IPC). */
  sparse(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i]) out.push([i, this.counts[i]!]);
    return out;
  }

  merge(pairs: Array<[number, number]>): void {
    for (const [b, n] of pairs) {
      this.counts[b]! += n;
      this.total += n;
    }
  }

  /** Nearest-rank percentile in ms (upper edge of the bucket); NaN when empty. */
  percentileMs(p: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return (i + 1) / 10;
    }
    return BUCKETS / 10;
  }

  clear(): void {
    this.counts.fill(0);
    this.total = 0;
  }
}
