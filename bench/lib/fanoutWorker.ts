/**
 * Load-generator process for the notes benchmarks: holds typists (real provider clients) or lean readers,
 * types on command and records keystroke latencies in a histogram. Driven over IPC by `workers.ts`.
 */
import { LeanClient } from './leanClient';
import { Histogram, marker, scanMarkers, unitsSince } from './markers';
import { TypistClient } from './typistClient';
import type { ConnectResult, WorkerCommand, WorkerStats } from './workers';

const hist = new Histogram();
const typists: Array<{ id: number; client: TypistClient }> = [];
const readers: LeanClient[] = [];
const timers = new Set<NodeJS.Timeout>();
let epoch = 0n;
let windowStart = Infinity;
let windowEnd = -Infinity;
let received = 0;
let sent = 0;
let errors = 0;
const firstErrors: string[] = [];

function onError(reason: string): void {
  errors += 1;
  if (firstErrors.length < 5) firstErrors.push(reason);
}

function arrived(_typist: number, units: number): void {
  if (units < windowStart || units >= windowEnd) return;
  received += 1;
  hist.add(unitsSince(epoch) - units);
}

async function connect(cmd: Extract<WorkerCommand, { type: 'connect' }>): Promise<ConnectResult> {
  const before = errors;
  let connected = 0;
  for (let i = 0; i < cmd.tokens.length; i += cmd.batch) {
    const batch = cmd.tokens.slice(i, i + cmd.batch).map((token, j) => {
      if (cmd.kind === 'typist') {
        const client = new TypistClient({
          url: cmd.url,
          doc: cmd.doc,
          token,
          onRemoteUpdate: (u) => scanMarkers(u, 0, arrived),
          onError,
        });
        typists.push({ id: cmd.typistIds[i + j]!, client });
        return client.ready.then(() => client.addParagraph());
      }
      const client = new LeanClient({
        url: cmd.url,
        doc: cmd.doc,
        token,
        awareness: cmd.awareness,
        onUpdate: (frame, body) => scanMarkers(frame, body, arrived),
        onError,
      });
      readers.push(client);
      return client.ready;
    });
    for (const r of await Promise.allSettled(batch)) if (r.status === 'fulfilled') connected += 1;
  }
  return { connected, errors: errors - before, firstErrors };
}

/** Each typist types `perSecond` keystrokes a second at a random phase, for warm-up plus measurement. */
function run(cmd: Extract<WorkerCommand, { type: 'run' }>): void {
  epoch = BigInt(cmd.epochNs);
  windowStart = cmd.warmMs * 10;
  windowEnd = (cmd.warmMs + cmd.measureMs) * 10;
  const interval = 10_000 / cmd.perSecond;
  for (const { id, client } of typists) {
    let due = Math.random() * interval;
    const tick = () => {
      const now = unitsSince(epoch);
      if (now >= windowEnd) return;
      // A typist that never connected types nothing, and nothing is expected from it.
      if (client.type(marker(id, now)) && now >= windowStart) sent += 1;
      // Scheduled against the epoch, not the last keystroke, so a busy loop does not lower the rate.
      due += interval;
      const timer = setTimeout(tick, Math.max(0, (due - unitsSince(epoch)) / 10));
      timers.add(timer);
    };
    timers.add(setTimeout(tick, due / 10));
  }
}

function stats(): WorkerStats {
  const unacknowledged = typists.reduce((n, t) => n + t.client.unacknowledged, 0);
  return { received, sent, errors, unacknowledged, hist: hist.sparse(), firstErrors };
}

/** Disconnects everything and resets the counters for the next case. */
function close(): void {
  for (const t of timers) clearTimeout(t);
  timers.clear();
  for (const t of typists) t.client.close();
  for (const r of readers) r.close();
  typists.length = 0;
  readers.length = 0;
  hist.clear();
  received = sent = errors = 0;
  firstErrors.length = 0;
  windowStart = Infinity;
  windowEnd = -Infinity;
}

async function handle(cmd: WorkerCommand): Promise<unknown> {
  switch (cmd.type) {
    case 'connect':
      return connect(cmd);
    case 'run':
      run(cmd);
      return { ok: true };
    case 'count':
      return { received };
    case 'stats':
      return stats();
    case 'close':
      close();
      return { ok: true };
  }
}

process.on('message', (msg: { id: number; cmd: WorkerCommand }) => {
  void handle(msg.cmd).then(
    (reply) => process.send?.({ id: msg.id, reply }),
    (err: unknown) => process.send?.({ id: msg.id, reply: { error: String(err) } }),
  );
});
process.on('SIGTERM', () => {
  close();
  process.exit(0);
});
// The bench died without stopping us: leave too.
process.on('disconnect', () => process.exit(0));
