import { loadavg } from 'node:os';
import { Histogram } from './markers';
import { cpuMeter, rssMb } from './proc';
import type { Row } from './report';
import type { ConnectResult, Worker, WorkerStats } from './workers';

export interface Target {
  name: string;
  /** WebSocket URL the clients connect to. */
  url: string;
  pid: number;
  /** A fresh document for a case (a new session's note on Stoa, any name on the bare server). */
  newDoc(label: string): Promise<string>;
}

export interface FanoutPlan {
  n: number;
  typists: number;
  perSecond: number;
  warmMs: number;
  measureMs: number;
  drainMaxMs: number;
  tokens: string[];
  typistWorkers: Worker[];
  readerWorkers: Worker[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function split<T>(items: T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  return Array.from({ length: parts }, (_, i) => items.slice(i * size, (i + 1) * size));
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * One fan-out case against one server: K typists (real providers) and N-K lean readers connect to a fresh
 * note, the typists type for warm-up + measurement, and every keystroke typed in the measurement window is
 * looked for at every other client. Server and generator CPU are measured over the window.
 */
export async function runFanoutCase(target: Target, plan: FanoutPlan): Promise<Row & { p95: number }> {
  const { n, typists: k } = plan;
  const doc = await target.newDoc(`n=${n}`);
  const typistTokens = split(plan.tokens.slice(0, k), plan.typistWorkers.length);
  const readerTokens = split(plan.tokens.slice(k, n), plan.readerWorkers.length);
  const workers = [...plan.typistWorkers, ...plan.readerWorkers];
  let errors = 0;
  const firstErrors: string[] = [];
  const count = (r: ConnectResult | WorkerStats) => {
    errors += r.errors;
    firstErrors.push(...r.firstErrors);
  };
  let firstId = 0;
  const typistsUp = await Promise.all(
    plan.typistWorkers.map((w, i) => {
      const ids = typistTokens[i]!.map((_, j) => firstId + j);
      firstId += ids.length;
      return w.request<ConnectResult>({
        type: 'connect',
        url: target.url,
        doc,
        kind: 'typist',
        tokens: typistTokens[i]!,
        typistIds: ids,
        awareness: null,
        batch: 25,
      });
    }),
  );
  const readersUp = await Promise.all(
    plan.readerWorkers.map((w, i) =>
      w.request<ConnectResult>({
        type: 'connect',
        url: target.url,
        doc,
        kind: 'reader',
        tokens: readerTokens[i]!,
        typistIds: [],
        awareness: null,
        batch: 50,
      }),
    ),
  );
  for (const r of [...typistsUp, ...readersUp]) count(r);
  const connected = sum([...typistsUp, ...readersUp].map((r) => r.connected));
  await sleep(500);

  const load1 = loadavg()[0]!;
  const epochNs = process.hrtime.bigint().toString();
  await Promise.all(
    workers.map((w) =>
      w.request({
        type: 'run',
        epochNs,
        warmMs: plan.warmMs,
        measureMs: plan.measureMs,
        perSecond: plan.perSecond,
      }),
    ),
  );
  await sleep(plan.warmMs);
  const serverCpu = cpuMeter(target.pid);
  const typistCpu = plan.typistWorkers.map((w) => cpuMeter(w.pid));
  const readerCpu = plan.readerWorkers.map((w) => cpuMeter(w.pid));
  await sleep(plan.measureMs);
  const cpu = serverCpu();
  const typistsPct = sum(typistCpu.map((m) => m()));
  const readersPct = sum(readerCpu.map((m) => m()));
  const rss = rssMb(target.pid);

  // Drain: wait until nothing more arrives (or the bound), then collect.
  const drainEnd = Date.now() + plan.drainMaxMs;
  let last = -1;
  while (Date.now() < drainEnd) {
    await sleep(300);
    const now = sum(
      await Promise.all(
        workers.map(async (w) => (await w.request<{ received: number }>({ type: 'count' })).received),
      ),
    );
    if (now === last) break;
    last = now;
  }
  const stats = await Promise.all(workers.map((w) => w.request<WorkerStats>({ type: 'stats' })));
  await Promise.all(workers.map((w) => w.request({ type: 'close' })));
  const hist = new Histogram();
  for (const s of stats) {
    hist.merge(s.hist);
    count(s);
  }
  const sent = sum(stats.map((s) => s.sent));
  const received = sum(stats.map((s) => s.received));
  if (firstErrors.length > 0)
    console.error(`${target.name} n=${n}: ${[...new Set(firstErrors)].slice(0, 3).join('; ')}`);
  // Let the server notice the disconnects and unload the note before the next case.
  await sleep(1000);
  const p95 = hist.percentileMs(95);
  return {
    p95,
    case: `n=${n}`,
    server: target.name,
    typists: k,
    connected,
    keystrokes: sent,
    p50_ms: hist.percentileMs(50),
    p95_ms: p95,
    p99_ms: hist.percentileMs(99),
    errors,
    lost: sent * (n - 1) - received,
    unacked: sum(stats.map((s) => s.unacknowledged)),
    cpu_pct: Math.round(cpu),
    rss_mb: Math.round(rss),
    generator_cpu_pct: Math.round(typistsPct + readersPct),
    typists_cpu_pct: Math.round(typistsPct),
    load1: Number(load1.toFixed(1)),
  };
}
