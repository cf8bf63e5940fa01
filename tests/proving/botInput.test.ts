import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACTION_SCHEMAS } from '../../bot/logic/actions/actionData';
import { buildUser } from '../../shared/server/test/testService';
import {
  botAdded,
  cardAction,
  channelScene,
  installationAdd,
  message,
  personalScene,
} from '../bot/activities';
import { cardsOf } from '../bot/connector';
import { startBotHarness, type BotHarness } from '../bot/harness';
import { FULL, pool } from './judge';

const INPUTS = FULL ? 3000 : 300;

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(() => h.close());

const rand = (n: number) => Math.floor(Math.random() * n);
const pick = <T>(list: readonly T[]): T => list[rand(list.length)]!;

/** Well-formed activities of every kind the bot handles, including a card action for every verb. */
function seeds(): Array<Record<string, unknown>> {
  const user = buildUser();
  const channel = channelScene(h.connector.url, user.tenantId);
  const personal = personalScene(h.connector.url, user.tenantId);
  const data = {
    roundId: 'rnd_unknown',
    phase: 'answering',
    option: '1',
    confidence: 'high',
    classId: 'cls_x',
  };
  return [
    message(channel, user, 'help', { mention: true }),
    message(personal, user, 'status'),
    message(channel, user, 'start pi Which? | A | B', { mention: true }),
    botAdded(channel, user),
    installationAdd(channel, user),
    ...Object.keys(ACTION_SCHEMAS).map((verb) =>
      cardAction(channel, user, verb, data, { replyToId: 'act-1' }),
    ),
  ] as Array<Record<string, unknown>>;
}

/** Values of the wrong kind for any field; never a URL, so a mutated serviceUrl cannot point off the machine. */
const WRONG = [
  null,
  42,
  -1,
  true,
  [],
  {},
  '',
  'x'.repeat(70_000),
  'a\u0000b',
  '\ud800',
  [[[[[]]]]],
  { id: 7 },
];

function mutateValue(v: unknown, depth = 0): unknown {
  if (v && typeof v === 'object' && depth < 4 && rand(3) > 0) {
    const copy = (Array.isArray(v) ? [...(v as unknown[])] : { ...v }) as Record<string, unknown>;
    const keys = Object.keys(copy);
    if (keys.length === 0) return pick(WRONG);
    const k = pick(keys);
    if (rand(5) === 0) delete copy[k];
    else copy[k] = mutateValue(copy[k], depth + 1);
    return copy;
  }
  return pick(WRONG);
}

/** A mutated activity as the bytes to post: a field changed or removed, truncated, or random bytes. */
function mutate(seed: Record<string, unknown>): string {
  const kind = rand(10);
  if (kind === 0) return randomBytes(1 + rand(512)).toString('latin1');
  const text = JSON.stringify(kind < 8 ? mutateValue(seed) : seed);
  if (kind === 8) return text.slice(0, rand(text.length));
  if (kind === 9) return `${text.slice(0, rand(text.length))}${randomBytes(8).toString('latin1')}`;
  return text;
}

/** Signs of an internal detail in a reply or an answer. */
const LEAK = /TypeError|Cannot read|SyntaxError|\bat \S+ \(|node_modules|stack/;

it(`/api/messages answers malformed and truncated activities and card actions politely or with a 4xx (${INPUTS} inputs)`, async () => {
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let sent = 0;
  const inputs = Array.from({ length: INPUTS }, () => mutate(pick(seeds())));
  await pool(inputs, 6, async (body) => {
    sent += 1;
    const res = await h.post(body);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const text = JSON.stringify(res.body) ?? '';
    if (res.status >= 500) failures.push(`${res.status} ${text.slice(0, 160)} for ${body.slice(0, 3000)}`);
    else if (LEAK.test(text)) failures.push(`leak ${text.slice(0, 160)}`);
    else if (res.status >= 400) {
      const b = res.body as { error?: { id?: string }; value?: { message?: string } } | undefined;
      if (!b?.error?.id && !b?.value?.message)
        failures.push(`${res.status} without an error id: ${text.slice(0, 160)}`);
    }
  });
  const replies = h.connector.posted().map((a) => (typeof a.text === 'string' ? a.text : ''));
  console.log(
    `[proving] bot input: ${sent} activities; statuses ${[...statuses].map(([s, n]) => `${s}:${n}`).join(' ')}; ${replies.length} replies; ${failures.length} failures`,
  );
  // The bot's own error logs name the cause of a 5xx (the logs carry no message text to the client).
  const errorLogs = h.logs
    .filter((l) => Number(l.level) >= 50 && l.msg !== 'turn failed')
    .map((l) => JSON.stringify(l).slice(0, 1500));
  expect({
    failures: failures.slice(0, 20),
    errorLogs: failures.length ? errorLogs.slice(0, 5) : [],
  }).toEqual({
    failures: [],
    errorLogs: [],
  });
  for (const r of replies) expect(r).not.toMatch(LEAK);
  // The bot keeps working: help still gets its card.
  const user = buildUser();
  h.connector.reset();
  const res = await h.post(message(personalScene(h.connector.url, user.tenantId), user, 'help'));
  expect(res.status).toBe(200);
  expect(h.connector.posted().some((a) => cardsOf(a).length > 0)).toBe(true);
}, 240_000);

it('a card action carrying Teams ids the service refuses answers 400 with a polite message, not 500', async () => {
  const user = buildUser();
  for (const bad of ['\ud800', 'a\u0000b']) {
    const scene = channelScene(h.connector.url, user.tenantId);
    const action = cardAction(scene, user, 'composeView', { classId: 'cls_x' });
    const res = await h.post({ ...action, channelData: { ...scene.channelData, team: { id: bad } } });
    expect(res.status).toBe(400);
    expect((res.body as { value?: { message?: string } }).value?.message).toMatch(
      /^Sorry, I couldn't read that card/,
    );
  }
});
