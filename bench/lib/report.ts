import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

export type Row = Record<string, string | number>;

/** Command-line flags every benchmark understands. */
export interface BenchArgs {
  quick: boolean;
  json: string | null;
  args: string[];
}

export function parseArgs(argv = process.argv.slice(2)): BenchArgs {
  const jsonAt = argv.indexOf('--json');
  return {
    quick: argv.includes('--quick'),
    json: jsonAt >= 0 ? (argv[jsonAt + 1] ?? null) : null,
    args: argv,
  };
}

/** Prints the cases as a table and a one-line summary, and writes the JSON report when asked. */
export function report(bench: string, rows: Row[], summary: string, args: BenchArgs): void {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string | number | undefined) =>
    v === undefined ? '' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : v;
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padStart(widths[i]!)).join('  ');
  console.log(`\n${bench} (${cpus().length} cpus, node ${process.version})`);
  console.log(line(cols));
  for (const r of rows) console.log(line(cols.map((c) => cell(r[c]))));
  console.log(`\nsummary: ${summary}`);
  if (args.json) {
    const out = { bench, machine: { cpus: cpus().length, node: process.version }, results: rows };
    writeFileSync(args.json, JSON.stringify(out, null, 2));
    console.log(`wrote ${args.json}`);
  }
}

/** Percentile of a sorted or unsorted list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
