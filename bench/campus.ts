/**
 * campus: many live lectures at once, each a class of 30 with its note (3 typists, 27 readers), every
 * student's event stream, and a Peer Instruction burst (the facilitator starts a question, all 30 answer
 * within 2 s) once per measured window. Reports, per number of lectures, the edit fan-out latency (keystroke
 * to every other client of its note) and the round-start latency (request to every subscriber), server CPU
 * and memory per lecture; the largest count that holds fan-out p95 <= 100 ms and events p95 <= 200 ms.
 * Then the largest passing count again on 3 instances over PostgreSQL + Redis (clients of each lecture
 * spread over the instances, as a balancer would): CPU per lecture per instance and the cluster overhead.
 * Load generators run in their own processes. `--quick`: small counts and short windows.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pgSchemaUrl } from '../tests/proving/world';
import { TEST_REDIS_URL } from '../shared/server/test/backends';
import { campusCall, inParallel, piRound, setUpLectures, type CampusSession } from './lib/campusSetup';
import { Histogram } from './lib/markers';
import { collabWsUrl } from './lib/noteSetup';
import { cpuMeter, rssMb, stop } from './lib/proc';
import { parseArgs, percentile, report, type Row } from './lib/report';
import { startBenchService, type BenchService } from './lib/service';
import { deadline, own } from './lib/watchdog';
import { Worker, type ConnectResult, type WorkerStats } from './lib/workers';

const args = parseArgs();
const CASES = args.quick ? [5, 10] : [10, 25, 50, 100, 150, 200];
const STUDENTS = 30;
const TYPISTS = 3;
const KEYS_PER_S = 3;
const WARM_MS = args.quick ? 3000 : 5000;
const MEASURE_MS = args.quick ? 15_000 : 60_000;
const ANSWER_SPREAD_MS = 2000;
const GOAL_FANOUT_MS = 100;
const GOAL_EVENTS_MS = 200;
deadline(args.quick ? 480_000 : 3_000_000, 'campus');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

type EventsReply =
  | { type: 'ready'; connected: number; failed: number }
  | { type: 'times'; sessionId: string; times: number[] };

function ask<T extends EventsReply['type']>(child: ChildProcess, msg: object, type: T) {
  return new Promise<Extract<EventsReply, { type: T }>>((resolve) => {
    const on = (m: EventsReply) => {
      if (m.type !== type) return;
      child.off('message', on);
      resolve(m as Extract<EventsReply, { type: T }>);
    };
    child.on('message', on);
    child.send(msg);
  });
}

interface Deployment {
  name: string;
  services: BenchService[];
  close(): Promise<void>;
}

async function single(): Promise<Deployment> {
  const svc = await startBenchService({ NOTES_MAX_CONNECTIONS_PER_USER: '64' });
  return { name: 'single', services: [svc], close: () => stop(svc.child) };
}

async function cluster(): Promise<Deployment> {
  const db = await pgSchemaUrl();
  const env = { DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL ?? TEST_REDIS_URL };
  const first = await startBenchService(env);
  // Same folder: the same dev signing key, as one deployment has.
  const rest = await Promise.all([1, 2].map(() => startBenchService(env, first.dir)));
  const services = [first, ...rest];
  return {
    name: 'cluster-3',
    services,
    close: async () => {
      await Promise.all(services.map((s) => stop(s.child)));
      await db.drop().catch(() => undefined);
    },
  };
}

/** One Peer Instruction burst: start, then every student answers within ANSWER_SPREAD_MS. */
async function burst(
  url: string,
  s: CampusSession,
): Promise<{ t0: number; answers: number; failed: number }> {
  const t0 = now();
  const round = (await campusCall(
    url,
    s.ownerToken,
    'POST',
    `/api/v1/sessions/${s.sessionId}/rounds`,
    piRound(s.index),
  )) as {
    roundId: string;
  };
  let failed = 0;
  await Promise.all(
    s.studentTokens.map(async (token, i) => {
      await sleep(Math.random() * ANSWER_SPREAD_MS);
      const event = {
        type: 'answer',
        option: i % 4,
        confidence: 'medium',
        idempotencyKey: `a-${s.index}-${i}`,
      };
      await campusCall(url, token, 'POST', `/api/v1/rounds/${round.roundId}/events`, { event }).catch(() => {
        failed += 1;
      });
    }),
  );
  return { t0, answers: s.studentTokens.length - failed, failed };
}

async function runCase(
  dep: Deployment,
  n: number,
): Promise<Row & { fanout: number; events: number; cpuPerSession: number }> {
  const urls = dep.services.map((s) => s.url);
  const pids = dep.services.map((s) => s.child.pid!);
  const baseRss = sum(pids.map(rssMb));
  const sessions = await setUpLectures(urls, n, STUDENTS);
  const spread = (s: CampusSession, i: number) => urls[(s.instance + i) % urls.length]!;

  const typists = Worker.start();
  const readers = Worker.start();
  const events = own(
    fork(fileURLToPath(new URL('./campusEvents.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  try {
    let errors = 0;
    for (const s of sessions) {
      const typistTokens = s.studentTokens.slice(0, TYPISTS);
      const readerTokens = s.studentTokens.slice(TYPISTS);
      const results = await Promise.all([
        typists.request<ConnectResult>({
          type: 'connect',
          url: collabWsUrl(urls[s.instance]!),
          doc: s.sessionId,
          kind: 'typist',
          tokens: typistTokens,
          typistIds: typistTokens.map((_, j) => s.index * TYPISTS + j),
          awareness: null,
          batch: TYPISTS,
        }),
        // Readers of one lecture reach the instances round robin, as behind a balancer.
        ...urls.map((_, k) =>
          readers.request<ConnectResult>({
            type: 'connect',
            url: collabWsUrl(spread(s, k)),
            doc: s.sessionId,
            kind: 'reader',
            tokens: readerTokens.filter((_t, j) => j % urls.length === k),
            typistIds: [],
            awareness: null,
            batch: 30,
          }),
        ),
      ]);
      errors += sum(results.map((r) => r.errors));
      for (let k = 0; k < urls.length; k += 1) {
        const tokens = s.studentTokens.filter((_t, j) => j % urls.length === k);
        const ready = await ask(
          events,
          { type: 'connect', url: spread(s, k), sessionId: s.sessionId, tokens },
          'ready',
        );
        errors = Math.max(errors, ready.failed);
      }
    }
    await sleep(1000);

    const epochNs = process.hrtime.bigint().toString();
    const run = {
      type: 'run',
      epochNs,
      warmMs: WARM_MS,
      measureMs: MEASURE_MS,
      perSecond: KEYS_PER_S,
    } as const;
    await Promise.all([typists.request(run), readers.request(run)]);
    await sleep(WARM_MS);
    const cpu = pids.map((pid) => cpuMeter(pid));
    const genCpu = [typists.pid, readers.pid, events.pid!].map((pid) => cpuMeter(pid));
    // One burst per lecture in the window, staggered evenly (a question every few minutes per lecture).
    const bursts = inParallel(n, n, async (i) => {
      await sleep(((MEASURE_MS - ANSWER_SPREAD_MS - 1000) * i) / n);
      const s = sessions[i]!;
      return burst(urls[s.instance]!, s);
    });
    await sleep(MEASURE_MS);
    const cpuPct = cpu.map((m) => m());
    const generatorPct = sum(genCpu.map((m) => m()));
    const rss = sum(pids.map(rssMb));
    const done = await bursts;

    // Drain the notes, then collect both kinds of latency.
    let last = -1;
    for (const end = Date.now() + 5000; Date.now() < end;) {
      await sleep(300);
      const count = sum(
        await Promise.all(
          [typists, readers].map(
            async (w) => (await w.request<{ received: number }>({ type: 'count' })).received,
          ),
        ),
      );
      if (count === last) break;
      last = count;
    }
    const stats = await Promise.all([typists, readers].map((w) => w.request<WorkerStats>({ type: 'stats' })));
    const hist = new Histogram();
    for (const st of stats) hist.merge(st.hist);
    const sent = sum(stats.map((st) => st.sent));
    const received = sum(stats.map((st) => st.received));
    errors += sum(stats.map((st) => st.errors));
    const latencies: number[] = [];
    let lostEvents = 0;
    for (let i = 0; i < n; i += 1) {
      const { times } = await ask(events, { type: 'collect', sessionId: sessions[i]!.sessionId }, 'times');
      latencies.push(...times.map((t) => t - done[i]!.t0));
      lostEvents += STUDENTS - times.length;
    }
    const fanoutP95 = hist.percentileMs(95);
    const eventsP95 = percentile(latencies, 95);
    const totalCpu = sum(cpuPct);
    const cpuPerSession = ((totalCpu / 100) * 1000) / n;
    return {
      fanout: fanoutP95,
      events: eventsP95,
      cpuPerSession,
      case: `sessions=${n}`,
      deployment: dep.name,
      sessions: n,
      connections: n * STUDENTS * 2,
      keystrokes: sent,
      p50_ms: hist.percentileMs(50),
      p95_ms: fanoutP95,
      events_p50_ms: percentile(latencies, 50),
      events_p95_ms: eventsP95,
      answers: sum(done.map((d) => d.answers)),
      errors: errors + sum(done.map((d) => d.failed)),
      lost: sent * (STUDENTS - 1) - received + lostEvents,
      cpu_pct: Math.round(totalCpu),
      cpu_pct_per_instance: cpuPct.map((c) => Math.round(c)).join('/'),
      cpu_ms_per_session_s: Number(cpuPerSession.toFixed(2)),
      rss_mb: Math.round(rss),
      rss_per_session_kb: Math.round(((rss - baseRss) * 1024) / n),
      generator_cpu_pct: Math.round(generatorPct),
    };
  } finally {
    await Promise.all([typists.request({ type: 'close' }), readers.request({ type: 'close' })]);
    await Promise.all([typists.stop(), readers.stop()]);
    events.send({ type: 'close' });
  }
}

const rows: Row[] = [];
let best: (Row & { cpuPerSession: number; sessions: number }) | null = null;
for (const n of CASES) {
  const dep = await single();
  try {
    const row = await runCase(dep, n);
    const { fanout, events, cpuPerSession, ...printed } = row;
    const ok = fanout <= GOAL_FANOUT_MS && events <= GOAL_EVENTS_MS && row.lost === 0;
    rows.push({ ...printed, goals: ok ? 'met' : 'missed' });
    if (ok) best = { ...printed, cpuPerSession, sessions: n };
    else if (!args.quick) break; // --quick runs every case: on a shared machine one noisy case says little
  } finally {
    await dep.close();
  }
}

let overhead: number | null = null;
const clusterN = best?.sessions ?? CASES[0]!;
const dep = await cluster();
try {
  const row = await runCase(dep, clusterN);
  const { fanout, events, cpuPerSession, ...printed } = row;
  const ok = fanout <= GOAL_FANOUT_MS && events <= GOAL_EVENTS_MS;
  const singleRow = rows.find((r) => r.sessions === clusterN) as
    (Row & { cpu_ms_per_session_s: number }) | undefined;
  overhead = singleRow ? (cpuPerSession / singleRow.cpu_ms_per_session_s - 1) * 100 : null;
  rows.push({
    ...printed,
    cpu_ms_per_session_per_instance_s: Number((cpuPerSession / dep.services.length).toFixed(2)),
    cluster_overhead_pct: overhead === null ? '' : Math.round(overhead),
    goals: ok ? 'met' : 'missed',
  });
} finally {
  await dep.close();
}

const bestText = best
  ? `${best.sessions} lectures of ${STUDENTS} on one instance within goals (fan-out p95 ${Number(best.p95_ms).toFixed(1)} ms, events p95 ${Number(best.events_p95_ms).toFixed(1)} ms), ${best.cpuPerSession.toFixed(2)} ms CPU/s and ${String(best.rss_per_session_kb)} KB per lecture`
  : `no tested count met the goals on one instance`;
report(
  'campus',
  rows,
  `${bestText}; 3 instances (PostgreSQL + Redis) at ${clusterN}: cluster overhead ${overhead === null ? 'n/a' : `${Math.round(overhead)} %`} (goal <= 25 %); largest count tried ${CASES.at(-1)}${args.quick ? ' (--quick)' : ''}`,
  args,
);
process.exit(0);
