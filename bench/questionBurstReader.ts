/**
 * Reader process of the question-burst benchmark: holds many event-stream connections with plain node:http
 * and records, per connection, which event arrived when. An event's content (every question in it, with
 * its up-votes and answer count) is read once per event id, not once per connection: every student's
 * stream carries the same public events. Driven over IPC by bench/questionBurst.ts.
 */
import { request, type ClientRequest } from 'node:http';

export interface BurstAction {
  questionId: string;
  t0: number;
  /** The question's state right after the action: the first event at or past it reflects the action. */
  up: number;
  answers: number;
}

type Command =
  | { type: 'connect'; url: string; sessionId: string; tokens: string[] }
  | { type: 'measure'; actions: BurstAction[] }
  | { type: 'close' };

const now = () => performance.timeOrigin + performance.now();

/** Content of an event: per question id, [up, answers]. */
const contents = new Map<number, Map<string, [number, number]>>();
/** Per connection: event ids and arrival times, in arrival order. */
const arrivals: { ids: number[]; at: number[] }[] = [];
const open: ClientRequest[] = [];
let failed = 0;

const ID_AT = /"id":"(bq_[a-z0-9]+)","sessionId"/g;

/** Reads each question of a `backstage_questions` frame with string scans (no JSON.parse). */
function parse(text: string): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  const starts: { id: string; at: number }[] = [];
  for (const m of text.matchAll(ID_AT)) starts.push({ id: m[1]!, at: m.index });
  starts.forEach((s, i) => {
    const part = text.slice(s.at, starts[i + 1]?.at ?? text.length);
    const up = Number(/"up":(\d+)/.exec(part)?.[1] ?? 0);
    const answers = part.split('"byFacilitator"').length - 1;
    out.set(s.id, [up, answers]);
  });
  return out;
}

function frame(conn: number, text: string, at: number, onReady: () => void): void {
  if (text.startsWith('event: ready')) return onReady();
  if (!text.includes('"backstage_questions"')) return;
  const id = Number(/^id: (\d+)/.exec(text)?.[1] ?? -1);
  if (!contents.has(id)) contents.set(id, parse(text));
  arrivals[conn]!.ids.push(id);
  arrivals[conn]!.at.push(at);
}

function follow(base: URL, sessionId: string, token: string): Promise<boolean> {
  const conn = arrivals.push({ ids: [], at: [] }) - 1;
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
          const at = now();
          buffer += chunk.toString('latin1');
          for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
            const text = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            frame(conn, text, at, () => resolve(true));
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
  for (let i = 0; i < tokens.length; i += 100) {
    const ok = await Promise.all(tokens.slice(i, i + 100).map((t) => follow(base, sessionId, t)));
    failed += ok.filter((x) => !x).length;
  }
  process.send?.({ type: 'ready', connected: tokens.length - failed, failed });
}

/**
 * For every action and connection: the time from the action's request to the first event at or past the
 * state it produced. Returns the latencies of all pairs (ms, rounded to 0.1) and how many never arrived.
 */
function measure(actions: BurstAction[]): { latencies: number[]; lost: number; lostSample: BurstAction[] } {
  const byQuestion = new Map<string, BurstAction[]>();
  for (const a of actions) byQuestion.set(a.questionId, [...(byQuestion.get(a.questionId) ?? []), a]);
  for (const list of byQuestion.values()) list.sort((x, y) => x.up - y.up || x.answers - y.answers);
  const latencies: number[] = [];
  let lost = 0;
  const lostSample: BurstAction[] = [];
  for (const conn of arrivals) {
    const next = new Map<string, number>();
    for (let k = 0; k < conn.ids.length; k++) {
      const content = contents.get(conn.ids[k]!);
      if (!content) continue;
      for (const [qid, [up, answers]] of content) {
        const list = byQuestion.get(qid);
        if (!list) continue;
        let i = next.get(qid) ?? 0;
        // Actions are met in order of the state they produced (votes only add, answers only add).
        while (i < list.length && list[i]!.up <= up && list[i]!.answers <= answers) {
          latencies.push(Math.round((conn.at[k]! - list[i]!.t0) * 10) / 10);
          i++;
        }
        next.set(qid, i);
      }
    }
    for (const [qid, list] of byQuestion) {
      const i = next.get(qid) ?? 0;
      lost += list.length - i;
      if (i < list.length && lostSample.length < 5) lostSample.push(list[i]!);
    }
  }
  return { latencies, lost, lostSample };
}

process.on('message', (msg: Command) => {
  if (msg.type === 'connect') void connect(msg.url, msg.sessionId, msg.tokens);
  else if (msg.type === 'measure') process.send?.({ type: 'measured', ...measure(msg.actions) });
  else {
    for (const req of open) req.destroy();
    process.exit(0);
  }
});
