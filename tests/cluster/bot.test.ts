import { createServer } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, type RunningBot } from '../../bot/createBot';
import { parseBotEnv } from '../../bot/env';
import { BOT_NOTIFY_PATH } from '../../shared/contract/botNotify';
import type { RoundView } from '../../shared/contract/rounds/viewSchemas';
import { postgresAvailable, redisAvailable } from '../../shared/server/test/backends';
import {
  button,
  cardText,
  cardsIn,
  classroom,
  postedRoundCard,
  settle,
  waitFor,
  type BotDriver,
  type Classroom,
} from '../bot/classroom';
import { startLocalConnector, type LocalConnector } from '../bot/connector';
import { startCluster, type Cluster } from './cluster';

// Runs wherever PostgreSQL and Redis answer; under CI=true a missing one fails the run (see backends.ts).
const cases = (await postgresAvailable()) && (await redisAvailable()) ? ['2 service processes'] : [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The bot in front of a cluster: it reaches the service through the balancer, so one round's calls land
 * on every instance, and each instance notifies the bot of the changes it makes.
 */
describe.each(cases)('the bot over a cluster of %s', () => {
  let c: Cluster;
  let connector: LocalConnector;
  let bot: RunningBot;
  let driver: BotDriver;
  let room: Classroom;
  let cardId: string;
  let roundId: string;

  beforeAll(async () => {
    const port = await freePort();
    c = await startCluster(2, { BOT_NOTIFY_URL: `http://127.0.0.1:${port}${BOT_NOTIFY_PATH}` });
    connector = await startLocalConnector();
    bot = await createBot(
      parseBotEnv({ NODE_ENV: 'test', BOT_PORT: String(port), STOA_SERVICE_URL: c.balancer.url }),
      { log: pino({ level: 'silent' }), tallyIntervalMs: 200 },
    );
    driver = {
      connector,
      async post(body) {
        const res = await fetch(`${bot.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const text = await res.text();
        return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
      },
    };
  }, 120_000);
  afterAll(async () => {
    await bot?.close();
    await connector?.close();
    await c?.close();
  });

  const roundAs = async (user: Classroom['teacher']): Promise<RoundView> =>
    c.client(await c.token(user)).call('getRound', { params: { roundId } });

  it('runs a Peer Instruction round whose calls and notifications span both instances', async () => {
    room = await classroom(driver, 6, { team: 'Cluster physics' });
    const start = await room.say(
      room.teacher,
      'pi Which force keeps the Moon in orbit? | Gravity* | Magnetism',
    );
    ({ id: cardId } = postedRoundCard(start));
    const card = postedRoundCard(start).card;
    roundId = String(button(card, 'Submit answer').roundId);
    const data = button(card, 'Submit answer');
    for (const [i, s] of room.students.entries()) {
      const res = await room.act(
        s,
        'answer',
        { ...data, option: String(i % 2), confidence: 'high' },
        { replyToId: cardId },
      );
      expect(res.status).toBe(200);
      expect(cardText(res.card)).toContain('Your answer:');
    }
    expect(await roundAs(room.teacher)).toMatchObject({ answeredCount: 6 });
    // The shared card followed the count: tallies came from whichever instance took each answer.
    const latest = () => cardText(cardsIn(connector.updates(cardId).slice(-1))[0] ?? {});
    await waitFor(() => latest().includes('6 answered'), 'the shared card to count every answer');
    // One card for the round, posted once.
    const roundCards = connector.calls.filter(
      (x) => x.method === 'POST' && cardsIn([x]).some((k) => 'refresh' in k),
    );
    expect(roundCards).toHaveLength(1);
    await settle(driver);
  });

  it('keeps answering card actions after an instance is killed (SIGKILL)', async () => {
    await c.kill(1);
    const late = room.students[0]!;
    const refresh = await room.act(late, 'refresh', { roundId }, { replyToId: cardId });
    expect(refresh.status).toBe(200);
    expect(cardText(refresh.card)).toContain('Your answer:');
    const status = await room.say(room.teacher, 'status');
    expect(status.some((x) => typeof x.body.text === 'string' && x.body.text.includes('6 answered'))).toBe(
      true,
    );
  });
});
