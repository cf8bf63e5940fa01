/**
 * Load generator for round-burst, run in its own process: S students answer one Peer Instruction question
 * through the bot's `/api/messages` (`adaptiveCard/action` invokes), arrivals spread evenly over the
 * window (open loop: a slow bot does not slow the arrivals). Prints one JSON line with the latencies.
 */
import { cardAction, type Scene } from '../tests/bot/activities';

interface LoadConfig {
  botUrl: string;
  scene: Scene;
  students: Array<{ tenantId: string; userId: string; name: string }>;
  roundId: string;
  cardId: string;
  windowMs: number;
}

const config = JSON.parse(process.env.ROUND_BURST_CONFIG ?? '{}') as LoadConfig;
const CONFIDENCE = ['low', 'medium', 'high'] as const;

async function answer(i: number): Promise<{ ms: number; ok: boolean; status: number }> {
  const student = config.students[i]!;
  const activity = cardAction(
    config.scene,
    student,
    'answer',
    { roundId: config.roundId, phase: 'answering', option: String(i % 3), confidence: CONFIDENCE[i % 3] },
    { replyToId: config.cardId },
  );
  const t0 = performance.now();
  try {
    const res = await fetch(`${config.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    // Counted as answered only when the invoke came back with the student's own card saying so.
    return { ms, ok: res.status === 200 && text.includes('Your answer:'), status: res.status };
  } catch {
    return { ms: performance.now() - t0, ok: false, status: 0 };
  }
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const gap = config.windowMs / config.students.length;
const results = await Promise.all(
  config.students.map(async (_, i) => {
    const due = t0 + i * gap;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    return answer(i);
  }),
);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  `${JSON.stringify({
    latencies: results.map((r) => r.ms),
    ok: results.filter((r) => r.ok).length,
    statuses: results.reduce<Record<string, number>>(
      (acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }),
      {},
    ),
    wallMs,
    cpuPct: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
  })}\n`,
);
