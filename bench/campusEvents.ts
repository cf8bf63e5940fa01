/**
 * Event-stream process of the campus benchmark: holds every student's session event stream (plain node:http)
 * and stamps when each round's start (`phase` answering) reaches each of them. Driven over IPC by campus.ts.
 */
import { request, type ClientRequest } from 'node:http';

type Command =
  | { type: 'connect'; url: string; sessionId: string; tokens: string[] }
  | { type: 'collect'; sessionId: string }
  | { type: 'count' }
  | { type: 'close' };

/** Wall-clock ms with sub-ms precision, comparable across processes on one machine. */
const now = () => performance.timeOrigin + performance.now();

/** Arrival times of the first `answering` phase change per session, one per subscriber. */
const arrivals = new Map<string, number[]>();
const open: ClientRequest[] = [];
let connected = 0;
let failed = 0;

const PHASE_CHANGE = '"change":"phase"';
const ANSWERING = '"phase":"answering"';

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
        let seen = false;
        res.on('data', (chunk: Buffer) => {
          const at = now();
          buffer += chunk.toString('latin1');
          for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
            const text = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            if (text.startsWith('event: ready')) resolve(true);
            else if (!seen && text.includes(PHASE_CHANGE) && text.includes(ANSWERING)) {
              seen = true;
              const list = arrivals.get(sessionId) ?? [];
              list.push(at);
              arrivals.set(sessionId, list);
            }
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
  const ok = await Promise.all(tokens.map((t) => follow(new URL(url), sessionId, t)));
  connected += ok.filter(Boolean).length;
  failed += ok.filter((x) => !x).length;
  process.send?.({ type: 'ready', connected, failed });
}

process.on('message', (msg: Command) => {
  if (msg.type === 'connect') void connect(msg.url, msg.sessionId, msg.tokens);
  else if (msg.type === 'collect')
    process.send?.({ type: 'times', sessionId: msg.sessionId, times: arrivals.get(msg.sessionId) ?? [] });
  else if (msg.type === 'count') process.send?.({ type: 'counted', connected, failed });
  else {
    for (const req of open) req.destroy();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
