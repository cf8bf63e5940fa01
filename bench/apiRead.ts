/**
 * api-read: authenticated GET of a session's state with 100 connections against the real service, and the
 * same load against a bare restify handler in the same run. Prints req/s, latency percentiles and the ratio.
 */
import autocannon from 'autocannon';
import { cpuMeter, freePort, startNode, stop } from './lib/proc';
import { parseArgs, report, type Row } from './lib/report';
import { devToken, startBenchService } from './lib/service';

const args = parseArgs();
const seconds = args.quick ? 5 : 15;
const connections = 100;

async function load(
  url: string,
  headers: Record<string, string>,
  pid: number,
): Promise<Row & { rps: number }> {
  const cpu = cpuMeter(pid);
  const r = await autocannon({ url, connections, duration: seconds, headers, pipelining: 1 });
  return {
    rps: Math.round(r.requests.average),
    req_per_s: Math.round(r.requests.average),
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    errors: r.errors + r.non2xx + r.timeouts,
    cpu_pct: Math.round(cpu()),
  };
}

const svc = await startBenchService();
const owner = { tenantId: 'bench', userId: 'owner', name: 'Bench Owner' };
const token = await devToken(svc.url, owner);
const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const cls = (await (
  await fetch(`${svc.url}/api/v1/classes`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ name: 'Bench' }),
  })
).json()) as { id: string };
const session = (await (
  await fetch(`${svc.url}/api/v1/classes/${cls.id}/sessions`, {
    method: 'POST',
    headers: auth,
    body: '{"title":"L1"}',
  })
).json()) as { id: string };

const barePort = await freePort();
const bare = await startNode(
  'bench/baselines/bareRestify.ts',
  { PORT: String(barePort) },
  `http://127.0.0.1:${barePort}/healthz`,
);
try {
  // Warm up both, then measure side by side.
  await autocannon({
    url: `${svc.url}/api/v1/sessions/${session.id}`,
    connections: 10,
    duration: 1,
    headers: auth,
  });
  const stoa = await load(`${svc.url}/api/v1/sessions/${session.id}`, auth, svc.child.pid!);
  const base = await load(`http://127.0.0.1:${barePort}/session`, {}, bare.pid!);
  const rows: Row[] = [
    { case: `c=${connections} stoa`, ...stoa, ratio_to_baseline: stoa.rps / base.rps },
    { case: `c=${connections} bare-restify`, ...base, ratio_to_baseline: 1 },
  ];
  for (const r of rows) delete r.rps;
  report(
    'api-read',
    rows,
    `stoa ${stoa.req_per_s} req/s p99 ${stoa.p99_ms} ms (target >= 5000 req/s, p99 <= 20 ms); bare restify ${base.req_per_s} req/s; ratio ${(stoa.rps / base.rps).toFixed(2)}`,
    args,
  );
} finally {
  await stop(bare);
  await stop(svc.child);
}
