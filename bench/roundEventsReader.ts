/**
 * Reader process of the round-events benchmark: holds many event-stream connections with plain node:http
 * (no client library, no full parse of every frame) and timestamps each phase change as it arrives.
 * Driven over IPC by bench/roundEvents.ts.
 */
import { request, type ClientRequest } from 'node:http';

type Command =
  | { type: 'connect'; url: string; sessionId: string; tokens: string[] }
  | { type: 'collect'; phase: string }
  | { type: 'close' };

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes on one machine. */
const now = () => performance.timeOrigin + performance.now();

const received = new Map<string, number[]>();
const open: ClientRequest[] = [];
let failed = 0;

const PHASE_CHANGE = '"change":"phase"';
const PHASE_AT = '"phase":"';

/** One SSE frame: the ready marker, or a phase change (the first `"phase"` of the envelope is the view's). */
function frame(text: string, at: number, onReady: () => void): void {
  if (text.startsWith('event: ready')) return onReady();
  // Tallies and keep-alives pass by unparsed; a phase change is read with two string searches, no JSON.parse.
  if (!text.includes(PHASE_CHANGE)) return;
  const from = text.indexOf(PHASE_AT) + PHASE_AT.length;
  const phase = text.slice(from, text.indexOf('"', from));
  const list = received.get(phase) ?? [];
  list.push(at);
  received.set(phase, list);
}

function follow(base: URL, sessionId: string, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        path: `/api/v1/sessions/${sessionId}/events`,
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        agent: false,
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return resolve(false);
        }
        let buffer = '';
        res.on('data', (chunk: Buffer) => {
          // Stamped on arrival, before any work; latin1 is the cheapest decoding and the markers are ASCII.
          const at = now();
          buffer += chunk.toString('latin1');
          for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
            const text = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            frame(text, at, () => resolve(true));
          }
        });
        res.on('error', () => resolve(false));
      },
    );
    req.on('error', () => resolve(false));
    req.end();
    open.push(req);
  });
}

async function connect(url: string, sessionId: string, tokens: string[]): Promise<void> {
  const base = new URL(url);
  // In waves: thousands of simultaneous connects would measure the accept queue, not the stream.
  for (let i = 0; i < tokens.length; i += 100) {
    const ok = await Promise.all(tokens.slice(i, i + 100).map((t) => follow(base, sessionId, t)));
    failed += ok.filter((x) => !x).length;
  }
  process.send?.({ type: 'ready', connected: tokens.length - failed, failed });
}

process.on('message', (msg: Command) => {
  if (msg.type === 'connect') void connect(msg.url, msg.sessionId, msg.tokens);
  else if (msg.type === 'collect')
    process.send?.({ type: 'times', phase: msg.phase, times: received.get(msg.phase) ?? [] });
  else {
    for (const req of open) req.destroy();
    process.exit(0);
  }
});
