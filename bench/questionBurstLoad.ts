/**
 * Load process of the question-burst benchmark: students ask, up-vote and answer always-on questions on an
 * open-loop schedule (actions start on time whether or not earlier ones finished), through the REST API
 * with the bot's act-as tokens. Reports every accepted action with the question state it produced.
 * Driven over IPC by bench/questionBurst.ts.
 */
import type { BurstAction } from './questionBurstReader';

interface Start {
  type: 'start';
  url: string;
  sessionId: string;
  tokens: string[];
  actions: number;
  durationMs: number;
  seed: number;
}

const now = () => performance.timeOrigin + performance.now();

/** Small deterministic PRNG (mulberry32), so runs with one seed make the same choices. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'entropy carnot gibbs enthalpy photon lattice fermion boson spinor tensor vector gradient laplace fourier kernel'.split(
    ' ',
  );

async function run(msg: Start): Promise<void> {
  const rand = prng(msg.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const base = `${msg.url}/api/v1/sessions/${msg.sessionId}/backstage/questions`;
  const questions: { id: string; author: number }[] = [];
  const voted = new Set<string>();
  const done: (BurstAction & { kind: string; rt: number })[] = [];
  const failures: Record<string, number> = {};
  let merged = 0;
  let queued = 0;
  const post = async (student: number, path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${msg.tokens[student]}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) {
      const id = (json.error as { id?: string } | undefined)?.id ?? String(res.status);
      failures[id] = (failures[id] ?? 0) + 1;
      return null;
    }
    return json;
  };
  type View = { id: string; up: number; answers: unknown[]; status: string };
  const action = async (k: number) => {
    const student = Math.floor(rand() * msg.tokens.length);
    const r = rand();
    const t0 = now();
    if (questions.length < 10 || r < 0.2) {
      const text = `Q${k}: how does ${pick(WORDS)} relate to ${pick(WORDS)} in case ${k}?`;
      const res = (await post(student, '', { text, anonymous: rand() < 0.5 })) as {
        question: View;
        duplicateOf: string | null;
      } | null;
      if (!res) return;
      if (res.duplicateOf) return void merged++;
      // Sent to the approval queue by the word filter: only its author and the facilitators see it.
      if (res.question.status !== 'published') return void queued++;
      questions.push({ id: res.question.id, author: student });
      done.push({
        kind: 'ask',
        questionId: res.question.id,
        t0,
        rt: now() - t0,
        up: res.question.up,
        answers: res.question.answers.length,
      });
      return;
    }
    const q = pick(questions);
    if (q.author === student) return;
    if (r < 0.85) {
      if (voted.has(`${q.id}/${student}`)) return;
      voted.add(`${q.id}/${student}`);
      const view = (await post(student, `/${q.id}/vote`, { value: 1 })) as View | null;
      if (view)
        done.push({
          kind: 'vote',
          questionId: q.id,
          t0,
          rt: now() - t0,
          up: view.up,
          answers: view.answers.length,
        });
    } else {
      const view = (await post(student, `/${q.id}/answers`, {
        text: `Answer ${k}: think of ${pick(WORDS)}.`,
        anonymous: rand() < 0.5,
      })) as View | null;
      if (view)
        done.push({
          kind: 'answer',
          questionId: q.id,
          t0,
          rt: now() - t0,
          up: view.up,
          answers: view.answers.length,
        });
    }
  };
  const start = now();
  const pending: Promise<void>[] = [];
  for (let k = 0; k < msg.actions; k++) {
    const due = start + (k * msg.durationMs) / msg.actions;
    const wait = due - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(action(k).catch(() => void (failures.network = (failures.network ?? 0) + 1)));
  }
  await Promise.all(pending);
  process.send?.({ type: 'done', actions: done, failures, merged, queued, seconds: (now() - start) / 1000 });
}

process.on('message', (msg: Start | { type: 'close' }) => {
  if (msg.type === 'start') void run(msg);
  else process.exit(0);
});
