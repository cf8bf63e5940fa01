/**
 * question-burst: S students ask, up-vote and answer always-on questions within D seconds (mixed: a fifth
 * asks, most up-votes, some answers), while every student's stream (the tab) and the facilitator's (the
 * stage) follow the session's events. For every accepted action and every subscriber: the time from the
 * action's request to the first event that shows it. Then the ranking the service serves is compared with
 * a replay of the stored backstage log through the pure model. Readers and the load generator run in
 * their own processes. `--quick`: S = 200 over 15 s (else S = 2,000 over 60 s).
 * Target (2 cores): S = 2,000, p95 <= 200 ms, nothing lost, ranking equal to the replay.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { mintBotToken } from '../shared/client/botToken';
import { DEV_BOT_SECRET } from '../shared/contract/auth';
import { rankedPublished, replayBackstage, type BackstageEvent } from '../shared/contract/backstage/model';
import { cpuSeconds, rssMb, stop } from './lib/proc';
import { parseArgs, percentile, report } from './lib/report';
import { devToken, startBenchService } from './lib/service';
import type { BurstAction } from './questionBurstReader';

const args = parseArgs();
const S = args.quick ? 200 : 2000;
const DURATION_MS = args.quick ? 15_000 : 60_000;
const ACTIONS = S * 3;
const READERS = 2;

function ask<T>(child: ChildProcess, msg: object, type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      child.off('message', on);
      resolve(m as T);
    };
    child.on('message', on);
    child.send(msg);
  });
}

async function call(url: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** The stored backstage log of a session, straight from the service's database. */
async function storedLog(dir: string, sessionId: string): Promise<BackstageEvent[]> {
  const sqlText = 'select event from backstage_log where session_id = $1 order by id';
  if (process.env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const rows = (await client.query<{ event: string }>(sqlText, [sessionId])).rows;
    await client.end();
    return rows.map((r) => JSON.parse(r.event) as BackstageEvent);
  }
  const db = new Database(join(dir, 'stoa.db'), { readonly: true });
  const rows = db.prepare(sqlText.replace('$1', '?')).all(sessionId) as { event: string }[];
  db.close();
  return rows.map((r) => JSON.parse(r.event) as BackstageEvent);
}

const svc = await startBenchService();
const children: ChildProcess[] = [];
const spawn = (file: string) => {
  const child = fork(file, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return child;
};
try {
  const owner = await devToken(svc.url, { tenantId: 'bench', userId: 'owner', name: 'Bench Owner' });
  const cls = (await call(svc.url, owner, 'POST', '/api/v1/classes', { name: 'Bench' })) as {
    id: string;
    joinCode: string;
  };
  const session = (await call(svc.url, owner, 'POST', `/api/v1/classes/${cls.id}/sessions`, {
    title: 'L1',
  })) as { id: string };
  const students = Array.from({ length: S }, (_, i) => ({
    tenantId: 'bench',
    userId: `student-${i}`,
    name: `Student ${i}`,
  }));
  const tokens = await Promise.all(students.map((s) => mintBotToken(DEV_BOT_SECRET, s, 3600)));
  for (let i = 0; i < S; i += 50)
    await Promise.all(
      tokens
        .slice(i, i + 50)
        .map((t) => call(svc.url, t, 'POST', `/api/v1/classes/${cls.id}/join`, { joinCode: cls.joinCode })),
    );

  // Subscribers: every student (their tab) and the facilitator (the stage).
  const subscribers = [...tokens, owner];
  const readers = Array.from({ length: READERS }, () => spawn('bench/questionBurstReader.ts'));
  const share = Math.ceil(subscribers.length / READERS);
  const ready = await Promise.all(
    readers.map((r, i) =>
      ask<{ failed: number }>(
        r,
        {
          type: 'connect',
          url: svc.url,
          sessionId: session.id,
          tokens: subscribers.slice(i * share, (i + 1) * share),
        },
        'ready',
      ),
    ),
  );
  const connectErrors = ready.reduce((n, r) => n + r.failed, 0);

  const load = spawn('bench/questionBurstLoad.ts');
  const serverCpu0 = cpuSeconds(svc.child.pid!);
  const genCpu0 = children.reduce((s, c) => s + cpuSeconds(c.pid!), 0);
  const wall0 = performance.now();
  const result = await ask<{
    actions: (BurstAction & { kind: string; rt: number })[];
    failures: Record<string, number>;
    merged: number;
    queued: number;
    seconds: number;
  }>(
    load,
    {
      type: 'start',
      url: svc.url,
      sessionId: session.id,
      tokens,
      actions: ACTIONS,
      durationMs: DURATION_MS,
      seed: 7,
    },
    'done',
  );
  // The last gathering window and its fan-out.
  await new Promise((r) => setTimeout(r, 1500));
  const seconds = (performance.now() - wall0) / 1000;
  const serverCpu = cpuSeconds(svc.child.pid!) - serverCpu0;
  const genCpu = children.reduce((s, c) => s + cpuSeconds(c.pid!), 0) - genCpu0;

  const measured = await Promise.all(
    readers.map((r) =>
      ask<{ latencies: number[]; lost: number; lostSample: BurstAction[] }>(
        r,
        { type: 'measure', actions: result.actions },
        'measured',
      ),
    ),
  );
  const latencies = measured.flatMap((m) => m.latencies);
  const lost = measured.reduce((n, m) => n + m.lost, 0);
  if (lost > 0)
    console.log(
      `store: ${svc.dir}`,
      'not delivered, e.g.:',
      JSON.stringify(measured.flatMap((m) => m.lostSample).slice(0, 3)),
    );

  // The ranking served (every page) against a replay of the stored log.
  const served: string[] = [];
  for (let offset: number | null = 0; offset !== null;) {
    const page = (await call(
      svc.url,
      owner,
      'GET',
      `/api/v1/sessions/${session.id}/backstage?limit=100&offset=${offset}`,
    )) as {
      items: { id: string; up: number }[];
      nextOffset: number | null;
    };
    served.push(...page.items.map((q) => q.id));
    offset = page.nextOffset;
  }
  const log = await storedLog(svc.dir, session.id);
  const replayed = rankedPublished(replayBackstage(log), Date.now());
  const rankingEqual = JSON.stringify(served) === JSON.stringify(replayed);
  const storedVotes = log.filter((e) => e.type === 'vote').length;
  const acceptedVotes = result.actions.filter((a) => a.kind === 'vote').length;

  const count = (kind: string) => result.actions.filter((a) => a.kind === kind).length;
  const errors = Object.values(result.failures).reduce((a, b) => a + b, 0);
  const row = {
    case: `s=${S}`,
    seconds: Math.round(result.seconds),
    actions: result.actions.length,
    asks: count('ask'),
    votes: count('vote'),
    answers: count('answer'),
    merged: result.merged,
    queued: result.queued,
    subscribers: subscribers.length - connectErrors,
    deliveries: latencies.length,
    request_p95_ms: percentile(
      result.actions.map((a) => a.rt),
      95,
    ),
    p50_ms: percentile(latencies, 50),
    p95_ms: percentile(latencies, 95),
    p99_ms: percentile(latencies, 99),
    max_ms: latencies.length ? Math.max(...latencies) : 0,
    lost,
    errors: errors + connectErrors,
    ranking_equal: rankingEqual ? 'yes' : 'no',
    votes_stored: `${storedVotes}/${acceptedVotes}`,
    cpu_pct: Math.round((serverCpu / seconds) * 100),
    cpu_ms_per_action: Math.round((serverCpu * 1000 * 100) / Math.max(1, result.actions.length)) / 100,
    generator_cpu_pct: Math.round((genCpu / seconds) * 100),
    rss_mb: Math.round(rssMb(svc.child.pid!)),
  };
  const target = S >= 2000 ? ` (target p95 <= 200 ms: ${row.p95_ms <= 200 ? 'met' : 'missed'})` : '';
  const why = errors > 0 ? `; refused: ${JSON.stringify(result.failures)}` : '';
  report(
    'question-burst',
    [row],
    `${S} students, ${row.actions} actions in ${row.seconds} s to ${row.subscribers} subscribers: p50 ${row.p50_ms.toFixed(1)} ms, p95 ${row.p95_ms.toFixed(1)} ms, p99 ${row.p99_ms.toFixed(1)} ms, ${lost} lost, ranking ${rankingEqual ? 'equals' : 'DIFFERS from'} the replay, ${row.cpu_ms_per_action} ms server CPU per action${target}${why}`,
    args,
  );
} finally {
  for (const c of children) c.send({ type: 'close' });
  await stop(svc.child);
}
