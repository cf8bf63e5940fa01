/**
 * round-burst: S students answer one Peer Instruction question within 5 s. Service, bot and load generator
 * each run in their own process; a local connector stands in for Teams. Cases: `cold` (the first question
 * of the term: no student has talked to the bot, so each answer also joins its student to the class),
 * `warm` (the next question, same students), and the anchor `service`: the same answers sent straight to
 * the service as the bot would, without Teams or the bot. Every case checks each confirmed answer was
 * stored, once (round view and analytics).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_BOT_SECRET } from '../shared/contract/auth';
import { BOT_NOTIFY_PATH } from '../shared/contract/botNotify';
import type { PiView } from '../shared/contract/rounds/viewSchemas';
import { channelScene, message, teamsMember } from '../tests/bot/activities';
import { startLocalConnector } from '../tests/bot/connector';
import { cpuMeter, cpuSeconds, freePort, mainThreadCpuSeconds, startNode, stop } from './lib/proc';
import { parseArgs, percentile, report, type Row } from './lib/report';
import { devToken, startBenchService } from './lib/service';

const args = parseArgs();
const S = args.quick ? 200 : 2000;
const WINDOW_MS = 5000;

const connector = await startLocalConnector();
const botPort = await freePort();
const botUrl = `http://127.0.0.1:${botPort}`;
const svc = await startBenchService({ BOT_NOTIFY_URL: `${botUrl}${BOT_NOTIFY_PATH}` });
/** BENCH_CPU_PROF_DIR=/tmp/x also writes a CPU profile of the bot there when it stops (as for the service). */
const profDir = process.env.BENCH_CPU_PROF_DIR;
const bot = await startNode(
  'bot/main.ts',
  { BOT_PORT: String(botPort), STOA_SERVICE_URL: svc.url, NODE_ENV: 'test', LOG_PRETTY: 'false' },
  `${botUrl}/healthz`,
  profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
);

const tenantId = 'bench-tenant';
const teacher = { tenantId, userId: 'bench-teacher', name: 'Bench Teacher' };
const students = Array.from({ length: S }, (_, i) => ({
  tenantId,
  userId: `bench-s${i}`,
  name: `Student ${i}`,
}));
const scene = channelScene(connector.url, tenantId, { team: 'Bench', channel: 'Lecture' });
connector.setMembers(
  [(scene.channelData.team as { id: string }).id, scene.conversation.id],
  [teacher, ...students].map(teamsMember),
);

async function say(text: string): Promise<void> {
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message(scene, teacher, text, { mention: true })),
  });
  if (res.status !== 200) throw new Error(`message "${text}": ${res.status}`);
}

/** Starts a question through the bot and returns its round and card (from what the bot sent the connector). */
async function startQuestion(n: number): Promise<{ roundId: string; cardId: string }> {
  const from = connector.calls.length;
  await say(`pi Burst question ${n}: which? | one | two* | three`);
  // The round card is the posted card that refreshes per user (the other post is the session notice).
  const posted = connector.calls
    .slice(from)
    .find((c) => c.method === 'POST' && JSON.stringify(c.body).includes('"refresh"'));
  const roundId = posted && /"roundId":"([^"]+)"/.exec(JSON.stringify(posted.body))?.[1];
  if (!posted || !roundId) throw new Error('no round card was posted');
  return { roundId, cardId: posted.id };
}

interface LoadResult {
  latencies: number[];
  confirmed: string[];
  wallMs: number;
  cpuPct: number;
}

async function generate(target: 'bot' | 'service', roundId: string, cardId: string): Promise<LoadResult> {
  const config = {
    target,
    botUrl,
    serviceUrl: svc.url,
    secret: DEV_BOT_SECRET,
    scene,
    students,
    roundId,
    cardId,
  };
  // Thousands of students do not fit in an environment variable: the generator reads a file.
  const file = join(svc.dir, `load-${roundId}.json`);
  writeFileSync(file, JSON.stringify({ ...config, windowMs: WINDOW_MS }));
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/roundBurstLoad.ts'], {
    env: { ...process.env, ROUND_BURST_CONFIG: file },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  return JSON.parse(out) as LoadResult;
}

async function runCase(name: string, target: 'bot' | 'service', n: number): Promise<Row> {
  const { roundId, cardId } = await startQuestion(n);
  const updatesBefore = connector.updates(cardId).length;
  const botCpu = cpuMeter(bot.pid!);
  const svcCpu = cpuMeter(svc.child.pid!);
  const cpu0 = cpuSeconds(bot.pid!) + cpuSeconds(svc.child.pid!);
  const main0 = [mainThreadCpuSeconds(bot.pid!), mainThreadCpuSeconds(svc.child.pid!)];
  const load = await generate(target, roundId, cardId);
  const bot_cpu_pct = Math.round(botCpu());
  const service_cpu_pct = Math.round(svcCpu());
  // CPU per answer is steadier than latency on a shared machine. Each event loop is one thread, so its
  // own share (without the libuv pool, GC helpers and the compiler) is what bounds a process' throughput.
  const perAnswer = (seconds: number) => Math.round((seconds * 1e5) / S) / 100;
  const cpu_ms_per_answer = perAnswer(cpuSeconds(bot.pid!) + cpuSeconds(svc.child.pid!) - cpu0);
  const bot_main_ms_per_answer = perAnswer(mainThreadCpuSeconds(bot.pid!) - main0[0]!);
  const service_main_ms_per_answer = perAnswer(mainThreadCpuSeconds(svc.child.pid!) - main0[1]!);
  const auth = { authorization: `Bearer ${await devToken(svc.url, teacher)}` };
  const view = (await (
    await fetch(`${svc.url}/api/v1/rounds/${roundId}`, { headers: auth })
  ).json()) as PiView;
  const analytics = (await (
    await fetch(`${svc.url}/api/v1/rounds/${roundId}/analytics`, { headers: auth })
  ).json()) as { before: { answered: number; counts: number[] } };
  const storedUsers = new Set((view.students ?? []).filter((s) => s.answer).map((s) => s.userId));
  const counted = analytics.before.counts.reduce((a, b) => a + b, 0);
  // One round at a time: end this one before the next case starts its own.
  await say('end');
  return {
    case: `s=${S} ${name}`,
    p50_ms: Math.round(percentile(load.latencies, 50)),
    p95_ms: Math.round(percentile(load.latencies, 95)),
    p99_ms: Math.round(percentile(load.latencies, 99)),
    max_ms: Math.round(Math.max(...load.latencies)),
    confirmed: load.confirmed.length,
    stored: analytics.before.answered,
    // Refused or timed-out answers the student was told about; they may try again.
    errors: S - load.confirmed.length,
    // Confirmed to the student but missing from the round: the figure that must be 0.
    lost: load.confirmed.filter((u) => !storedUsers.has(u)).length,
    double_counted: Math.max(0, counted - storedUsers.size) + Math.max(0, view.answeredCount - S),
    window_s: load.wallMs / 1000,
    card_updates: connector.updates(cardId).length - updatesBefore,
    bot_cpu_pct,
    service_cpu_pct,
    cpu_ms_per_answer,
    bot_main_ms_per_answer,
    service_main_ms_per_answer,
    generator_cpu_pct: Math.round(load.cpuPct),
  };
}

try {
  await say('help');
  const rows = [
    await runCase('cold', 'bot', 1),
    await runCase('warm', 'bot', 2),
    await runCase('service', 'service', 3),
  ];
  const anchor = Number(rows[2]!.p99_ms) || 1;
  for (const r of rows) r.ratio_to_baseline = Number(r.p99_ms) / anchor;
  const bad = rows.reduce((a, r) => a + Number(r.lost) + Number(r.double_counted), 0);
  report(
    'round-burst',
    rows,
    `${S} answers in ${WINDOW_MS / 1000} s: p99 through the bot cold ${rows[0]!.p99_ms} ms, warm ${rows[1]!.p99_ms} ms ` +
      `(target <= 250 ms), straight to the service ${rows[2]!.p99_ms} ms; errors ${rows[0]!.errors}/${rows[1]!.errors}; ` +
      `lost or double-counted ${bad} (target 0)`,
    args,
  );
  if (Number(rows[1]!.p99_ms) > 250 || bad > 0) process.exitCode = 1;
} finally {
  await stop(bot);
  await stop(svc.child);
  await connector.close();
}
