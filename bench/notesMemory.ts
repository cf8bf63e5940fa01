/**
 * notes-memory: server RSS per idle connected client. N clients connect to one note (token, sync, one
 * presence state each, as a provider does), then sit idle; (RSS after - RSS before) / N. The same on a
 * bare Hocuspocus 3 server in the same run.
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { benchClass, collabWsUrl } from './lib/noteSetup';
import { freePort, rssMb, startNode, stop } from './lib/proc';
import { parseArgs, report, type Row } from './lib/report';
import { startBenchService } from './lib/service';
import { deadline, own } from './lib/watchdog';
import { Worker, type ConnectResult } from './lib/workers';

const args = parseArgs();
const N = args.quick ? 250 : 1000;
deadline(args.quick ? 120_000 : 600_000, 'notes-memory');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** RSS averaged over a few samples: the heap breathes even when nothing happens. */
async function settledRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    samples.push(rssMb(pid));
    await sleep(300);
  }
  return samples.reduce((a, b) => a + b, 0) / samples.length;
}

const barePort = await freePort();
const workers = [Worker.start(), Worker.start()];
const [setup, bare] = await Promise.all([
  startBenchService().then((s) => (own(s.child), s)),
  startNode(
    'bench/baselines/bareHocuspocus.ts',
    { PORT: String(barePort) },
    `http://127.0.0.1:${barePort}/`,
  ).then(own),
  ...workers.map((w) => w.request({ type: 'count' })),
]);
let svc = setup;
try {
  const cls = await benchClass(setup.url, N + 1);
  const sessionId = await cls.newSession('memory');
  // Restarted on the same data: signing up N users grew the heap, and its free space would absorb the
  // connections and hide their cost. The tokens stay valid (same dev key).
  await stop(setup.child);
  svc = await startBenchService({}, setup.dir);
  own(svc.child);
  const targets = [
    { name: 'stoa', url: collabWsUrl(svc.url), pid: svc.child.pid!, doc: async () => sessionId },
    {
      name: 'bare',
      url: `ws://127.0.0.1:${barePort}`,
      pid: bare.pid!,
      doc: async () => `memory-${Date.now()}`,
    },
  ];
  const rows: Row[] = [];
  for (const t of targets) {
    const doc = await t.doc();
    const connect = (w: Worker, tokens: string[]) =>
      w.request<ConnectResult>({
        type: 'connect',
        url: t.url,
        doc,
        kind: 'reader',
        tokens,
        typistIds: [],
        awareness: { user: { name: 'Student', color: '#6264a7' } },
        batch: 50,
      });
    // One client first, so loading the note is not counted as per-client memory.
    const first = await connect(workers[0]!, [cls.studentTokens[N]!]);
    await sleep(1000);
    const before = await settledRss(t.pid);
    const half = Math.ceil(N / 2);
    const up = await Promise.all([
      connect(workers[0]!, cls.studentTokens.slice(0, half)),
      connect(workers[1]!, cls.studentTokens.slice(half, N)),
    ]);
    await sleep(3000);
    const after = await settledRss(t.pid);
    const errors = first.errors + up.reduce((a, r) => a + r.errors, 0);
    const errs = [...first.firstErrors, ...up.flatMap((r) => r.firstErrors)];
    if (errs.length) console.error(`${t.name}: ${[...new Set(errs)].slice(0, 3).join('; ')}`);
    await Promise.all(workers.map((w) => w.request({ type: 'close' })));
    const connected = up.reduce((a, r) => a + r.connected, 0);
    rows.push({
      case: `n=${N}`,
      server: t.name,
      connected,
      rss_before_mb: Number(before.toFixed(1)),
      rss_after_mb: Number(after.toFixed(1)),
      rss_per_client_kb: Math.round(((after - before) * 1024) / Math.max(1, connected)),
      errors,
      load1: Number(loadavg()[0]!.toFixed(1)),
    });
    await sleep(1000);
  }
  const kb = (name: string) => rows.find((r) => r.server === name)!.rss_per_client_kb;
  report(
    'notes-memory',
    rows,
    `n=${N}: stoa ${kb('stoa')} KB RSS per idle client (target <= 200), bare hocuspocus ${kb('bare')} KB; load avg ${loadavg()
      .map((l) => l.toFixed(1))
      .join('/')}`,
    args,
  );
} finally {
  await Promise.all(workers.map((w) => w.stop()));
  await stop(bare);
  await stop(svc.child);
  rmSync(svc.dir, { recursive: true, force: true });
}
