/**
 * round-burst: S students answer one Peer Instruction question through the bot within 5 s. Service, bot
 * and load generator each run in their own process; a local connector stands in for Teams. Two cases per
 * run: `cold` (the first question of the term: no student has talked to the bot, each answer also joins
 * its student to the class) and `warm` (the next question, same students). Prints invoke latency
 * percentiles and checks every answer was stored exactly once (round view and analytics).
 */
import { spawn } from 'node:child_process';
import { BOT_NOTIFY_PATH } from '../shared/contract/botNotify';
import { channelScene, message, teamsMember } from '../tests/bot/activities';
import { startLocalConnector } from '../tests/bot/connector';
import { cpuMeter, freePort, startNode, stop } from './lib/proc';
import { parseArgs, percentile, report, type Row } from './lib/report';
import { devToken, startBenchService } from './lib/service';

const args = parseArgs();
const S = args.quick ? 200 : 2000;
const WINDOW_MS = 5000;

const connector = await startLocalConnector();
const botPort = await freePort();
const botUrl = `http://127.0.0.1:${botPort}`;
const svc = await startBenchService({ BOT_NOTIFY_URL: `${botUrl}${BOT_NOTIFY_PATH}` });
const bot = await startNode(
  'bot/main.ts',
  { BOT_PORT: String(botPort), STOA_SERVICE_URL: svc.url, NODE_ENV: 'test', LOG_PRETTY: 'false', NODE_OPTIONS: '--cpu-prof --cpu-prof-dir=/tmp/botprof' },
  `${botUrl}/healthz`,
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
  if (!posted) throw new Error('no round card was posted');
  const roundId = /"roundId":"([^"]+)"/.exec(JSON.stringify(posted.body))?.[1];
  if (!roundId) throw new Error('no round id on the card');
  return { roundId, cardId: posted.id };
}

async function generate(roundId: string, cardId: string) {
  const config = { botUrl, scene, students, roundId, cardId, windowMs: WINDOW_MS };
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/roundBurstLoad.ts'], {
    env: { ...process.env, ROUND_BURST_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  return JSON.parse(out) as {
    latencies: number[];
    ok: number;
    statuses: Record<string, number>;
    wallMs: number;
    cpuPct: number;
  };
}

async function runCase(name: string, n: number): Promise<Row> {
  const { roundId, cardId } = await startQuestion(n);
  const updatesBefore = connector.updates(cardId).length;
  const botCpu = cpuMeter(bot.pid!);
  const svcCpu = cpuMeter(svc.child.pid!);
  const load = await generate(roundId, cardId);
  const bot_cpu_pct = Math.round(botCpu());
  const service_cpu_pct = Math.round(svcCpu());
  const token = await devToken(svc.url, teacher);
  const get = async (path: string) =>
    (await (await fetch(`${svc.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      answeredCount?: number;
      before?: { answered: number; counts: number[] };
    };
  const view = await get(`/api/v1/rounds/${roundId}`);
  const analytics = await get(`/api/v1/rounds/${roundId}/analytics`);
  const stored = analytics.before?.answered ?? -1;
  const counted = (analytics.before?.counts ?? []).reduce((a, b) => a + b, 0);
  // End the question so the next case can start one (one round at a time).
  await say('end');
  return {
    case: `s=${S} ${name}`,
    p50_ms: percentile(load.latencies, 50),
    p95_ms: percentile(load.latencies, 95),
    p99_ms: percentile(load.latencies, 99),
    max_ms: Math.max(...load.latencies),
    answered_ok: load.ok,
    stored,
    lost: S - stored,
    double_counted: Math.max(0, counted - S) + Math.max(0, (view.answeredCount ?? 0) - S),
    errors: S - load.ok,
    window_s: load.wallMs / 1000,
    card_updates: connector.updates(cardId).length - updatesBefore,
    bot_cpu_pct,
    service_cpu_pct,
    generator_cpu_pct: Math.round(load.cpuPct),
  };
}

try {
  await say('help');
  const names = ['cold', 'warm'] as const;
  const rows = [await runCase(names[0], 1), await runCase(names[1], 2)];
  const worst = Math.max(...rows.map((r) => Number(r.p99_ms)));
  const lost = rows.reduce((a, r) => a + Number(r.lost) + Number(r.double_counted), 0);
  report(
    'round-burst',
    rows.map((r) => ({
      ...r,
      p50_ms: Math.round(Number(r.p50_ms)),
      p95_ms: Math.round(Number(r.p95_ms)),
      p99_ms: Math.round(Number(r.p99_ms)),
      max_ms: Math.round(Number(r.max_ms)),
    })),
    `${S} answers in ${WINDOW_MS / 1000} s through the bot: p99 ${rows
      .map((r, i) => `${names[i]} ${Math.round(Number(r.p99_ms))} ms`)
      .join(', ')} (target <= 250 ms); lost or double-counted ${lost} (target 0)`,
    args,
  );
  if (worst > 250 || lost > 0) process.exitCode = 1;
} finally {
  await stop(bot);
  await stop(svc.child);
  await connector.close();
}
