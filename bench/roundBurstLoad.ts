/**
 * Load generator for round-burst, run in its own process: S students answer one Peer Instruction question,
 * arrivals spread evenly over the window (open loop: a slow server does not slow the arrivals). Through the
 * bot (`adaptiveCard/action` invokes on `/api/messages`), or, as the anchor, straight to the service with
 * the bot's act-as tokens. Reads its setup from the JSON file named by ROUND_BURST_CONFIG; prints one JSON
 * line: latencies, and the students whose answer was confirmed.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { mintBotToken } from '../shared/client/botToken';
import { cardAction, type Scene } from '../tests/bot/activities';

interface LoadConfig {
  target: 'bot' | 'service';
  botUrl: string;
  serviceUrl: string;
  secret: string;
  scene: Scene;
  students: Array<{ tenantId: string; userId: string; name: string }>;
  roundId: string;
  cardId: string;
  windowMs: number;
}

/** Kept-alive connections, as Teams' own infrastructure would hold to a busy bot; Node's client, not fetch, so that the generator stays light. */
const agent = new Agent({ keepAlive: true, maxSockets: 1024 });

/** POSTs JSON and resolves with the status and the body text. */
function post(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const config = JSON.parse(readFileSync(process.env.ROUND_BURST_CONFIG ?? '', 'utf8')) as LoadConfig;
const CONFIDENCE = ['low', 'medium', 'high'] as const;
const choice = (i: number) => ({ option: i % 3, confidence: CONFIDENCE[i % 3]! });

/** One answer through the bot; confirmed when the invoke returns the student's own card saying so. */
async function viaBot(i: number): Promise<boolean> {
  const { option, confidence } = choice(i);
  const activity = cardAction(
    config.scene,
    config.students[i]!,
    'answer',
    { roundId: config.roundId, phase: 'answering', option: String(option), confidence },
    { replyToId: config.cardId },
  );
  const res = await post(`${config.botUrl}/api/messages`, JSON.stringify(activity));
  return res.status === 200 && res.text.includes('Your answer:');
}

/** The same answer straight to the service, as the bot would send it (token minted beforehand). */
async function viaService(i: number, token: string): Promise<boolean> {
  const res = await post(
    `${config.serviceUrl}/api/v1/rounds/${config.roundId}/events`,
    JSON.stringify({ event: { type: 'answer', ...choice(i) }, idempotencyKey: `burst-${i}` }),
    { authorization: `Bearer ${token}` },
  );
  return res.status === 200;
}

const tokens =
  config.target === 'service'
    ? await Promise.all(config.students.map((s) => mintBotToken(config.secret, s)))
    : [];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const gap = config.windowMs / config.students.length;
const results = await Promise.all(
  config.students.map(async (_, i) => {
    const wait = t0 + i * gap - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const start = performance.now();
    let ok = false;
    try {
      ok = config.target === 'bot' ? await viaBot(i) : await viaService(i, tokens[i]!);
    } catch {
      ok = false;
    }
    return { ms: performance.now() - start, ok };
  }),
);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  `${JSON.stringify({
    latencies: results.map((r) => r.ms),
    confirmed: config.students.filter((_, i) => results[i]!.ok).map((s) => s.userId),
    wallMs,
    cpuPct: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
  })}\n`,
);
