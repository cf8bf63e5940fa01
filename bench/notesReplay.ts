/**
 * notes-replay: the automerge-paper trace typed through one real provider client into the service with
 * durable storage. Edits/s end to end (until the server acknowledged every update), stored bytes after
 * compaction, cold load (restart, then connect to synced for a new client) and the final text.
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as Y from 'yjs';
import { StoaClient } from '../shared/client/client';
import { NOTE_FRAGMENT } from '../shared/contract/collab';
import { benchClass, collabWsUrl } from './lib/noteSetup';
import { cpuMeter, stop } from './lib/proc';
import { parseArgs, report } from './lib/report';
import { devToken, startBenchService } from './lib/service';
import { loadTrace, textAfter, type TraceTxn } from './lib/traces';
import { TypistClient } from './lib/typistClient';
import { deadline, own } from './lib/watchdog';

const args = parseArgs();
/** --quick replays a prefix of the trace. */
const EDITS = args.quick ? 40_000 : Infinity;
/** Transactions applied per macrotask: the socket flushes and acknowledgements arrive in between. */
const CHUNK = 1000;
deadline(args.quick ? 120_000 : 900_000, 'notes-replay');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function applyTxn(text: Y.XmlText, txn: TraceTxn): void {
  // One trace transaction is one Yjs transaction, so one update message, as an editor would send it.
  text.doc!.transact(() => {
    for (const [pos, del, ins] of txn.patches) {
      if (del > 0) text.delete(pos, del);
      if (ins) text.insert(pos, ins);
    }
  });
}

/** The anchor: the same transactions applied to a Y.Doc in this process, no network, no storage. */
function localRate(txns: TraceTxn[]): number {
  const doc = new Y.Doc();
  const text = new Y.XmlText();
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [text]);
  doc.getXmlFragment(NOTE_FRAGMENT).insert(0, [p]);
  const t0 = performance.now();
  for (const txn of txns) applyTxn(text, txn);
  return txns.length / ((performance.now() - t0) / 1000);
}

/** The text of the first paragraph of a note document (where the replay typed). */
function paragraphText(doc: Y.Doc): string {
  const p = doc.getXmlFragment(NOTE_FRAGMENT).get(0);
  const t: unknown = p instanceof Y.XmlElement ? p.get(0) : null;
  return t instanceof Y.XmlText ? t.toString() : '';
}

async function connected(url: string, sessionId: string, token: string): Promise<TypistClient> {
  const client = new TypistClient({
    url,
    doc: sessionId,
    token,
    onError: (r) => console.error(`client: ${r}`),
  });
  await client.ready;
  return client;
}

const trace = loadTrace('automerge-paper');
const txns = trace.txns.slice(0, EDITS);
const expected = textAfter(trace, txns.length);
const yjsLocal = localRate(txns);

// Durable storage as configured; the per-user message budget is lifted because one client sends the
// whole trace (260k messages) as fast as it can, which the budget exists to refuse.
const env = { NOTES_RATE_PER_SECOND: '100000000', NOTES_RATE_BURST: '100000000' };
const first = await startBenchService(env);
own(first.child);
let current = first;
try {
  const cls = await benchClass(first.url, 0);
  const sessionId = await cls.newSession('replay');
  const writer = await connected(collabWsUrl(first.url), sessionId, cls.ownerToken);
  writer.addParagraph();
  await sleep(200);
  const text = writer.text!;
  const cpu = cpuMeter(first.child.pid!);
  const t0 = performance.now();
  for (let i = 0; i < txns.length; i += CHUNK) {
    for (const txn of txns.slice(i, i + CHUNK)) applyTxn(text, txn);
    await new Promise((r) => setImmediate(r));
  }
  const sentMs = performance.now() - t0;
  while (writer.unacknowledged > 0) await sleep(2);
  const seconds = (performance.now() - t0) / 1000;
  const serverCpu = cpu();
  const writerOk = paragraphText(writer.doc) === expected;
  writer.close();

  // Graceful stop compacts the note; then a cold start of the same data.
  await sleep(500);
  await stop(first.child);
  current = await startBenchService(env, first.dir);
  own(current.child);
  const token = await devToken(current.url, {
    tenantId: 'bench-tenant',
    userId: 'bench-owner',
    name: 'Bench Owner',
  });
  const c0 = performance.now();
  const reader = await connected(collabWsUrl(current.url), sessionId, token);
  const loadMs = performance.now() - c0;
  const readerOk = paragraphText(reader.doc) === expected;
  const w0 = performance.now();
  const again = await connected(collabWsUrl(current.url), sessionId, token);
  const warmMs = performance.now() - w0;
  again.close();
  reader.close();
  // The note's metadata on the restarted service: stored bytes are the compacted snapshot plus any log.
  const api = new StoaClient({ baseUrl: current.url, getToken: () => token });
  const m = await api.call('getNote', { params: { sessionId } });
  const rate = txns.length / seconds;
  const row = {
    case: `edits=${txns.length}`,
    edits_per_s: Math.round(rate),
    seconds: Number(seconds.toFixed(2)),
    client_send_s: Number((sentMs / 1000).toFixed(2)),
    yjs_local_edits_per_s: Math.round(yjsLocal),
    cpu_pct: Math.round(serverCpu),
    stored_kb: Number((m.storedBytes / 1024).toFixed(1)),
    doc_kb: Number((m.sizeBytes / 1024).toFixed(1)),
    load_ms: Number(loadMs.toFixed(1)),
    load_warm_ms: Number(warmMs.toFixed(1)),
    text_ok: writerOk && readerOk ? 'yes' : 'no',
    load1: Number(loadavg()[0]!.toFixed(1)),
  };
  report(
    'notes-replay',
    [row],
    `${row.edits_per_s} edits/s end to end (target >= 20000; Yjs alone here ${row.yjs_local_edits_per_s}/s), stored ${row.stored_kb} KB after compaction (target <= 200), cold load + sync ${row.load_ms} ms (target <= 50), final text ${row.text_ok === 'yes' ? 'matches' : 'DIFFERS from'} the trace; load avg ${loadavg()
      .map((l) => l.toFixed(1))
      .join('/')}`,
    args,
  );
} finally {
  await stop(current.child);
  rmSync(first.dir, { recursive: true, force: true });
}
