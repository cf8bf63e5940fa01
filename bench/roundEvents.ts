/**
 * round-events: S students follow a session's event stream (server-sent events) while a facilitator moves a
 * Peer Instruction round through its phases; for every phase change, the time from the facilitator's request
 * to its arrival at each subscriber. Subscribers are lean node:http readers in separate processes, so the
 * generator is not the bottleneck. Prints p50/p95/p99 delivery latency, missed deliveries, server and
 * generator CPU. `--quick`: S = 200 (else 2,000). Target (2 cores): S = 2,000, p95 <= 200 ms.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mintBotToken } from '../shared/client/botToken';
import { DEV_BOT_SECRET } from '../shared/contract/auth';
import { cpuSeconds, rssMb, stop } from './lib/proc';
import { parseArgs, percentile, report } from './lib/report';
import { devToken, startBenchService } from './lib/service';

const args = parseArgs();
const S = args.quick ? 200 : 2000;
const READERS = 2;
const PHASES = [
  { event: { type: 'closePhase', phase: 'answering' }, phase: 'gate' },
  { event: { type: 'advance', to: 'discussion' }, phase: 'discussion' },
  { event: { type: 'closePhase', phase: 'discussion' }, phase: 'revote' },
  { event: { type: 'closePhase', phase: 'revote' }, phase: 'revealed' },
  { event: { type: 'advance' }, phase: 'ended' },
] as const;

type Reply =
  { type: 'ready'; connected: number; failed: number } | { type: 'times'; phase: string; times: number[] };

const now = () => performance.timeOrigin + performance.now();

function ask<T extends Reply['type']>(
  child: ChildProcess,
  msg: object,
  type: T,
): Promise<Extract<Reply, { type: T }>> {
  return new Promise((resolve) => {
    const on = (m: Reply) => {
      if (m.type !== type) return;
      child.off('message', on);
      resolve(m as Extract<Reply, { type: T }>);
    };
    child.on('message', on);
    child.send(msg);
  });
}

async function call(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const svc = await startBenchService();
const readers: ChildProcess[] = [];
try {
  const owner = await devToken(svc.url, { tenantId: 'bench', userId: 'owner', name: 'Bench Owner' });
  const cls = (await call(svc.url, owner, 'POST', '/api/v1/classes', { name: 'Bench' })) as {
    id: string;
    joinCode: string;
  };
  const session = (await call(svc.url, owner, 'POST', `/api/v1/classes/${cls.id}/sessions`, {
    title: 'L1',
  })) as {
    id: string;
  };
  // Students join as the bot would bring them in: act-as tokens minted with the shared secret.
  const students = Array.from({ length: S }, (_, i) => ({
    tenantId: 'bench',
    userId: `student-${i}`,
    name: `Student ${i}`,
  }));
  const tokens = await Promise.all(students.map((s) => mintBotToken(DEV_BOT_SECRET, s, 3600)));
  for (let i = 0; i < S; i += 50) {
    await Promise.all(
      tokens
        .slice(i, i + 50)
        .map((t) => call(svc.url, t, 'POST', `/api/v1/classes/${cls.id}/join`, { joinCode: cls.joinCode })),
    );
  }

  for (let r = 0; r < READERS; r++) {
    readers.push(
      fork('bench/roundEventsReader.ts', [], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
  }
  const share = Math.ceil(S / READERS);
  const ready = await Promise.all(
    readers.map((child, r) =>
      ask(
        child,
        {
          type: 'connect',
          url: svc.url,
          sessionId: session.id,
          tokens: tokens.slice(r * share, (r + 1) * share),
        },
        'ready',
      ),
    ),
  );
  const connectFailures = ready.reduce((n, x) => n + x.failed, 0);

  const round = (await call(svc.url, owner, 'POST', `/api/v1/sessions/${session.id}/rounds`, {
    round: {
      kind: 'peer_instruction',
      question: 'Which force keeps the Moon in orbit?',
      options: ['A', 'B', 'C', 'D'],
      correctOption: 1,
    },
    roster: students.map((s) => ({ userId: s.userId, name: s.name })),
  })) as { roundId: string };

  const collect = async (phase: string) =>
    (await Promise.all(readers.map((c) => ask(c, { type: 'collect', phase }, 'times')))).flatMap(
      (x) => x.times,
    );
  // Warm-up: the start itself is a phase change; wait until it has reached everyone.
  for (let i = 0; i < 200 && (await collect('answering')).length < S - connectFailures; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }

  const serverCpu0 = cpuSeconds(svc.child.pid!);
  const genCpu0 = readers.reduce((s, c) => s + cpuSeconds(c.pid!), 0);
  const wall0 = performance.now();
  const latencies: number[] = [];
  const requests: number[] = [];
  let missed = 0;
  for (const step of PHASES) {
    const t0 = now();
    await call(svc.url, owner, 'POST', `/api/v1/rounds/${round.roundId}/events`, { event: step.event });
    requests.push(now() - t0);
    let times: number[] = [];
    for (const end = Date.now() + 10_000; Date.now() < end;) {
      times = await collect(step.phase);
      if (times.length >= S - connectFailures) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    latencies.push(...times.map((t) => t - t0));
    missed += S - times.length;
    await new Promise((r) => setTimeout(r, 300));
  }
  const seconds = (performance.now() - wall0) / 1000;
  const cpu = ((cpuSeconds(svc.child.pid!) - serverCpu0) / seconds) * 100;
  const genCpu = ((readers.reduce((s, c) => s + cpuSeconds(c.pid!), 0) - genCpu0) / seconds) * 100;
  const row = {
    case: `s=${S}`,
    phase_changes: PHASES.length,
    deliveries: latencies.length,
    request_ms: percentile(requests, 50),
    min_ms: Math.min(...latencies),
    p50_ms: percentile(latencies, 50),
    p95_ms: percentile(latencies, 95),
    p99_ms: percentile(latencies, 99),
    max_ms: Math.max(...latencies),
    errors: connectFailures,
    lost: missed,
    cpu_pct: Math.round(cpu),
    generator_cpu_pct: Math.round(genCpu),
    rss_mb: Math.round(rssMb(svc.child.pid!)),
  };
  const target = S >= 2000 ? ` (target p95 <= 200 ms: ${row.p95_ms <= 200 ? 'met' : 'missed'})` : '';
  report(
    'round-events',
    [row],
    `${S} subscribers, ${PHASES.length} phase changes: p50 ${row.p50_ms.toFixed(1)} ms, p95 ${row.p95_ms.toFixed(1)} ms, p99 ${row.p99_ms.toFixed(1)} ms, ${missed} lost, ${connectFailures} connect errors${target}`,
    args,
  );
} finally {
  for (const r of readers) r.send({ type: 'close' });
  await stop(svc.child);
}
