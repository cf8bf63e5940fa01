/**
 * notes-fanout: N clients on one note, K = N/10 of them typing 3 keystrokes/s as real provider clients,
 * the rest lean readers in separate generator processes; latency from each keystroke to its arrival at
 * every other client. The same load runs against a bare Hocuspocus 3 server in the same run (p95 ratio).
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { runFanoutCase, type Target } from './lib/fanoutCase';
import { benchClass, collabWsUrl } from './lib/noteSetup';
import { freePort, startNode, stop } from './lib/proc';
import { parseArgs, report, type Row } from './lib/report';
import { startBenchService } from './lib/service';
import { deadline, own } from './lib/watchdog';
import { Worker } from './lib/workers';

const args = parseArgs();
const sizesAt = args.args.indexOf('--sizes');
/** `--sizes 200,300` runs other sizes (for finding where latency turns). */
const sizes =
  sizesAt >= 0
    ? (args.args[sizesAt + 1] ?? '')
        .split(',')
        .map(Number)
        .filter((n) => n >= 2)
    : args.quick
      ? [50, 100]
      : [100, 500, 1000];
const timing = args.quick
  ? { warmMs: 1000, measureMs: 4000, drainMaxMs: 3000 }
  : { warmMs: 3000, measureMs: 20_000, drainMaxMs: 10_000 };
const PER_SECOND = 3;
const maxN = Math.max(...sizes);
deadline(args.quick ? 120_000 : 900_000, 'notes-fanout');

const barePort = await freePort();
// Typists apply every keystroke of every other typist (real Yjs), readers only scan bytes: two of each
// so a large case can use both cores when the servers leave room.
const typistWorkers = [Worker.start(), Worker.start()];
const readerWorkers = [Worker.start(), Worker.start()];
const [svc, bare] = await Promise.all([
  startBenchService().then((s) => (own(s.child), s)),
  startNode(
    'bench/baselines/bareHocuspocus.ts',
    { PORT: String(barePort) },
    `http://127.0.0.1:${barePort}/`,
  ).then(own),
  ...[...typistWorkers, ...readerWorkers].map((w) => w.request({ type: 'count' })),
]);
try {
  const cls = await benchClass(svc.url, maxN);
  const targets: Target[] = [
    {
      name: 'stoa',
      url: collabWsUrl(svc.url),
      pid: svc.child.pid!,
      newDoc: (label) => cls.newSession(label),
    },
    {
      name: 'bare',
      url: `ws://127.0.0.1:${barePort}`,
      pid: bare.pid!,
      newDoc: async (label) => `bench-${label}-${Date.now()}`,
    },
  ];
  const rows: Row[] = [];
  const p95: Record<string, Record<number, number>> = { stoa: {}, bare: {} };
  for (const n of sizes) {
    const typists = Math.max(2, Math.round(n / 10));
    const caseRows: Array<Row & { p95: number }> = [];
    for (const target of targets) {
      const row = await runFanoutCase(target, {
        n,
        typists,
        perSecond: PER_SECOND,
        ...timing,
        tokens: cls.studentTokens,
        typistWorkers: typists > 50 ? typistWorkers : typistWorkers.slice(0, 1),
        readerWorkers: n - typists > 300 ? readerWorkers : readerWorkers.slice(0, 1),
      });
      p95[target.name]![n] = row.p95;
      caseRows.push(row);
      console.log(`${row.server} n=${n}: p95 ${row.p95_ms} ms, errors ${row.errors}, lost ${row.lost}`);
    }
    const base = caseRows.find((r) => r.server === 'bare')!.p95;
    for (const r of caseRows) {
      r.ratio_to_baseline = Number((r.p95 / base).toFixed(2));
      delete (r as Partial<typeof r>).p95;
      rows.push(r);
    }
  }
  const ratio = (n: number) => (p95.stoa![n]! / p95.bare![n]!).toFixed(2);
  const target = (n: number, max: number) =>
    p95.stoa![n] === undefined ? '' : `n=${n} p95 ${p95.stoa![n]} ms (target <= ${max}), `;
  const errors = rows.reduce((a, r) => a + Number(r.errors), 0);
  report(
    'notes-fanout',
    rows,
    `${target(500, 100)}${target(1000, 250)}p95 ratio stoa/bare ${sizes.map((n) => `n=${n} ${ratio(n)}`).join(', ')} (target <= 1.25); errors ${errors}; load avg ${loadavg()
      .map((l) => l.toFixed(1))
      .join('/')}`,
    args,
  );
} finally {
  await Promise.all([...typistWorkers, ...readerWorkers].map((w) => w.stop()));
  await stop(bare);
  await stop(svc.child);
  rmSync(svc.dir, { recursive: true, force: true });
}
