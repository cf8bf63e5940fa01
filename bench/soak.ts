/**
 * soak (not in CI): `notes-fanout` at N = 200 for `--minutes M` (30 by default), as back-to-back cases of up
 * to a minute each on a fresh note, plus a Peer Instruction round every 2 minutes in which every student
 * answers over REST. Prints the service's RSS every 10 s and every error; target: RSS growth <= 10% from the
 * end of the first case to the end, and zero errors.
 */
import { rmSync } from 'node:fs';
import { StoaClient } from '../shared/client/client';
import { runFanoutCase, type Target } from './lib/fanoutCase';
import { benchClass, collabWsUrl, type BenchClass } from './lib/noteSetup';
import { rssMb, stop } from './lib/proc';
import { parseArgs, report, type Row } from './lib/report';
import { startBenchService } from './lib/service';
import { deadline, own } from './lib/watchdog';
import { Worker } from './lib/workers';

const args = parseArgs();
const minutesAt = args.args.indexOf('--minutes');
const minutes = minutesAt >= 0 ? Number(args.args[minutesAt + 1]) : 30;
if (!(minutes > 0)) throw new Error('--minutes takes a positive number');
const N = 200;
const TYPISTS = 20;
const PER_SECOND = 3;
const CASE_MS = 60_000;
const WARM_MS = 3000;
const DRAIN_MS = 5000;
const ROUND_EVERY_MS = 120_000;
const SAMPLE_MS = 10_000;
deadline(minutes * 60_000 + 300_000, 'soak');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const svc = await startBenchService();
own(svc.child);
const typistWorkers = [Worker.start()];
const readerWorkers = [Worker.start()];
const errors: string[] = [];
const fail = (what: string, err: unknown) => {
  errors.push(`${what}: ${String(err)}`);
  if (errors.length <= 10) console.error(`error: ${what}: ${String(err)}`);
};

/** One Peer Instruction round in `sessionId`: every student answers, then reveal and end. */
async function runRound(cls: BenchClass, sessionId: string, index: number): Promise<number> {
  const started = performance.now();
  const round = await cls.owner.call('startRound', {
    params: { sessionId },
    body: { round: { kind: 'peer_instruction', question: `Soak round ${index}?`, options: ['A', 'B', 'C'] } },
  });
  const students = cls.studentTokens.map((t) => new StoaClient({ baseUrl: svc.url, getToken: () => t }));
  for (let i = 0; i < students.length; i += 16) {
    await Promise.all(
      students.slice(i, i + 16).map((s, j) =>
        s
          .call('sendRoundEvent', {
            params: { roundId: round.roundId },
            body: {
              event: { type: 'answer', option: (i + j) % 3, confidence: 'high' },
              idempotencyKey: `a${i + j}`,
            },
          })
          .catch((err: unknown) => fail(`round ${index} answer`, err)),
      ),
    );
  }
  const event = (e: { type: 'closePhase'; phase: 'answering' } | { type: 'advance'; to?: 'revealed' }) =>
    cls.owner.call('sendRoundEvent', { params: { roundId: round.roundId }, body: { event: e } });
  await event({ type: 'closePhase', phase: 'answering' });
  await event({ type: 'advance', to: 'revealed' });
  await event({ type: 'advance' });
  return performance.now() - started;
}

const samples: Array<{ s: number; rss: number }> = [];
const rows: Row[] = [];
try {
  await Promise.all([...typistWorkers, ...readerWorkers].map((w) => w.request({ type: 'count' })));
  const cls = await benchClass(svc.url, N);
  const t0 = Date.now();
  const end = t0 + minutes * 60_000;
  let session: string | null = null;
  const target: Target = {
    name: 'stoa',
    url: collabWsUrl(svc.url),
    pid: svc.child.pid!,
    newDoc: async (label) => (session = await cls.newSession(label)),
  };
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const rss = rssMb(svc.child.pid!);
      samples.push({ s: Math.round((Date.now() - t0) / 1000), rss });
      console.log(`t=${samples.at(-1)!.s}s rss=${rss.toFixed(1)} MB errors=${errors.length}`);
      await sleep(SAMPLE_MS);
    }
  })();
  let rounds = 0;
  const roundTimes: number[] = [];
  const roundLoop = (async () => {
    await sleep(Math.min(15_000, (end - Date.now()) / 3));
    while (Date.now() < end - 10_000) {
      if (session) {
        try {
          roundTimes.push(await runRound(cls, session, ++rounds));
        } catch (err) {
          fail(`round ${rounds}`, err);
        }
      }
      const next = Date.now() + ROUND_EVERY_MS;
      while (Date.now() < Math.min(next, end - 10_000)) await sleep(500);
    }
  })();
  let baseline = 0;
  for (let k = 1; Date.now() < end - WARM_MS - DRAIN_MS - 5000; k++) {
    const measureMs = Math.min(CASE_MS - WARM_MS, end - Date.now() - WARM_MS - DRAIN_MS - 3000);
    const row = await runFanoutCase(target, {
      n: N,
      typists: TYPISTS,
      perSecond: PER_SECOND,
      warmMs: WARM_MS,
      measureMs,
      drainMaxMs: DRAIN_MS,
      tokens: cls.studentTokens,
      typistWorkers,
      readerWorkers,
    });
    if (Number(row.errors) > 0) fail(`fanout case ${k}`, `${row.errors} client errors`);
    if (Number(row.lost) > 0) fail(`fanout case ${k}`, `${row.lost} keystroke deliveries lost`);
    baseline ||= rssMb(svc.child.pid!);
    delete (row as Partial<typeof row>).p95;
    rows.push({ minute: k, ...row, rounds });
  }
  await roundLoop;
  sampling = false;
  await sampler;
  const final = rssMb(svc.child.pid!);
  const growth = baseline ? ((final - baseline) / baseline) * 100 : 0;
  const slowest = roundTimes.length ? Math.max(...roundTimes).toFixed(0) : '-';
  report(
    'soak',
    rows,
    `${minutes} min, N=${N}: RSS ${baseline.toFixed(0)} -> ${final.toFixed(0)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%, target <= 10%); ${rounds} rounds of ${N} answers (slowest ${slowest} ms); errors ${errors.length} (target 0)`,
    args,
  );
  console.log(`rss samples (s:MB): ${samples.map((x) => `${x.s}:${x.rss.toFixed(0)}`).join(' ')}`);
  if (errors.length > 0) process.exitCode = 1;
} finally {
  await Promise.all([...typistWorkers, ...readerWorkers].map((w) => w.stop()));
  await stop(svc.child);
  rmSync(svc.dir, { recursive: true, force: true });
}
