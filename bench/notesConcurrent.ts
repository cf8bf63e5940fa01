/**
 * notes-concurrent: the two-author editing traces replayed live, one provider client per author, with the
 * trace's timing compressed 10x (each transaction waits for the ones its author had seen to arrive over
 * the network). All clients and a fresh one must converge to the same text.
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as Y from 'yjs';
import { AgentReplay, Ledger } from './lib/agentReplay';
import { causalTrace, schedule } from './lib/causalTrace';
import { benchClass, collabWsUrl } from './lib/noteSetup';
import { stop } from './lib/proc';
import { parseArgs, report, type Row } from './lib/report';
import { startBenchService } from './lib/service';
import { loadTrace } from './lib/traces';
import { TypistClient } from './lib/typistClient';
import { deadline, own } from './lib/watchdog';

const args = parseArgs();
/** Real timing compressed this many times (--quick squeezes harder to finish within a minute). */
const FACTOR = args.quick ? 250 : 10;
/** friendsforever carries no real timestamps: paced at one transaction per 100 ms of trace order. */
const UNTIMED_MS = 100;
const TRACES = ['friendsforever', 'clownschool'];
deadline(args.quick ? 150_000 : 1_800_000, 'notes-concurrent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await sleep(20);
  }
  return true;
}

// Replayed 10x faster than people typed, an author's bursts go past the per-user message budget (meant
// for human typing), which would close its connection: the budget is lifted.
const svc = await startBenchService({ NOTES_RATE_PER_SECOND: '100000000', NOTES_RATE_BURST: '100000000' });
own(svc.child);
try {
  const cls = await benchClass(svc.url, 8);
  const url = collabWsUrl(svc.url);
  const rows: Row[] = [];
  for (const name of TRACES) {
    const trace = loadTrace(name);
    const ct = causalTrace(trace);
    const due = schedule(trace, ct, FACTOR, UNTIMED_MS);
    const sessionId = await cls.newSession(name);
    let errors = 0;
    const onError = (reason: string) => {
      if (errors++ < 3) console.error(`${name}: ${reason}`);
    };
    const connect = async (token: string) => {
      const c = new TypistClient({ url, doc: sessionId, token, onError });
      await c.ready;
      return c;
    };
    const clients = await Promise.all(
      Array.from({ length: ct.agents }, (_, a) => connect(cls.studentTokens[a]!)),
    );
    clients[0]!.addParagraph();
    if (!(await until(() => clients.every((c) => c.useFirstParagraph()), 10_000))) {
      throw new Error(`${name}: the paragraph did not reach every client`);
    }
    const ledger = new Ledger(ct.agents);
    clients.forEach((c, a) => {
      ledger.clientOf[a] = c.doc.clientID;
      ledger.baseClock[a] = Y.getState(c.doc.store, c.doc.clientID);
    });
    const replays = clients.map((c, a) => new AgentReplay(a, c, trace, ct, ledger));
    const t0 = performance.now();
    const end = t0 + Math.max(...due) + 120_000;
    await Promise.all(replays.map((r) => r.run(due, t0, end)));
    const seconds = (performance.now() - t0) / 1000;

    const texts = () => clients.map((c) => String(c.text!.toString()));
    await until(() => clients.every((c) => c.unacknowledged === 0), 30_000);
    await until(() => new Set(texts()).size === 1, 30_000);
    const fresh = await connect(cls.studentTokens[ct.agents]!);
    const all = [...texts(), fresh.useFirstParagraph() ? String(fresh.text!.toString()) : ''];
    const misplaced = [...trace.endContent].filter((ch, k) => all[0]![k] !== ch).length;
    const converged = new Set(all).size === 1;
    const meta = await cls.owner.call('getNote', { params: { sessionId } });
    rows.push({
      case: name,
      agents: ct.agents,
      txns: trace.txns.length,
      compression: `${FACTOR}x`,
      seconds: Number(seconds.toFixed(1)),
      mapped_txns: replays.reduce((n, r) => n + r.mapped, 0),
      waited_s: Number((replays.reduce((n, r) => n + r.waitedMs, 0) / 1000).toFixed(1)),
      converged: converged ? 'yes' : 'no',
      text_chars: all.map((t) => t.length).join('/'),
      trace_chars: trace.endContent.length,
      matches_trace: all[0] === trace.endContent ? 'yes' : 'no',
      // Characters not where the trace has them (concurrent inserts at one spot may order differently).
      misplaced_chars: misplaced,
      doc_kb: Number((meta.sizeBytes / 1024).toFixed(1)),
      stored_kb: Number((meta.storedBytes / 1024).toFixed(1)),
      errors,
      load1: Number(loadavg()[0]!.toFixed(1)),
    });
    console.log(`${name}: converged ${converged ? 'yes' : 'no'} in ${seconds.toFixed(1)} s`);
    for (const c of [...clients, fresh]) c.close();
  }
  const ok = rows.every((r) => r.converged === 'yes');
  report(
    'notes-concurrent',
    rows,
    `${rows.map((r) => `${r.case}: ${r.agents} clients + a fresh one converged ${r.converged} (${r.text_chars} chars, trace ${r.trace_chars}; matches trace text ${r.matches_trace})`).join('; ')}; ${ok ? 'all converged' : 'NOT CONVERGED'}; load avg ${loadavg()
      .map((l) => l.toFixed(1))
      .join('/')}`,
    args,
  );
  if (!ok) process.exitCode = 1;
} finally {
  await stop(svc.child);
  rmSync(svc.dir, { recursive: true, force: true });
}
