import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_BOT_SECRET } from '../../contract/auth';
import {
  BOT_NOTIFY_PATH,
  BotNotificationSchema,
  SERVICE_TOKEN_AUDIENCE,
  SERVICE_TOKEN_ISSUER,
  type BotNotification,
} from '../../contract/botNotify';
import { startTestService, type TestService } from '../test/testService';
import { PI_ROUND, buildRoundWorld, send, until } from './test/roundWorld';

interface Received {
  at: number;
  body: BotNotification;
  authorization: string;
}

/** A stand-in for the bot's notify endpoint: records what arrives; the first request fails, the second hangs. */
async function recorder(): Promise<{ server: Server; url: string; got: Received[]; requests: () => number }> {
  const got: Received[] = [];
  let requests = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests += 1;
      if (requests === 1) {
        res.statusCode = 503;
        res.end();
        return;
      }
      const record = () => {
        got.push({
          at: Date.now(),
          body: BotNotificationSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8'))),
          authorization: req.headers.authorization ?? '',
        });
        res.statusCode = 204;
        res.end();
      };
      if (requests === 2) setTimeout(record, 1500);
      else record();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { server, url: `http://127.0.0.1:${port}${BOT_NOTIFY_PATH}`, got, requests: () => requests };
}

describe('notifications to the bot', () => {
  let t: TestService;
  let bot: Awaited<ReturnType<typeof recorder>>;
  beforeAll(async () => {
    bot = await recorder();
    t = await startTestService({ env: { BOT_NOTIFY_URL: bot.url } });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => bot.server.close(r));
  });

  it('tells the bot about phases, thinned tallies and private groups, signed, retried, and never in the way', async () => {
    const w = await buildRoundWorld(t, 6);
    const began = Date.now();
    const round = await w.facilitator.client.call('startRound', {
      params: { sessionId: w.session.id },
      body: { round: PI_ROUND },
    });
    // The bot's endpoint failed once and then takes 1.5 s: the request waited for neither.
    expect(Date.now() - began).toBeLessThan(1500);
    await Promise.all(
      w.students.map((s, i) =>
        send(s, round.roundId, { type: 'answer', option: i % 2, confidence: 'low' }, `a${i}`),
      ),
    );
    await send(w.facilitator, round.roundId, { type: 'closePhase', phase: 'answering' });
    await send(w.facilitator, round.roundId, { type: 'advance', to: 'discussion' });
    const phases = () =>
      bot.got.flatMap((n) =>
        n.body.type === 'round_changed' && n.body.change === 'phase' ? [n.body.phase] : [],
      );
    await until(
      () => bot.got.some((n) => n.body.type === 'private_message') && phases().length === 3,
      10_000,
      'the phase and group messages',
    );

    for (const n of bot.got) {
      const token = n.authorization.replace(/^Bearer /, '');
      const { payload } = await jwtVerify(token, new TextEncoder().encode(DEV_BOT_SECRET), {
        issuer: SERVICE_TOKEN_ISSUER,
        audience: SERVICE_TOKEN_AUDIENCE,
      });
      expect(payload.sub).toBe('stoa-service');
    }
    const changes = bot.got.flatMap((n) => (n.body.type === 'round_changed' ? [n.body] : []));
    expect(changes.every((c) => c.roundId === round.roundId && c.tenantId === w.cls.tenantId)).toBe(true);
    expect(changes.every((c) => c.createdBy === w.facilitator.user.userId)).toBe(true);
    // Deliveries run side by side, so they may arrive out of order; the bot reads the round back anyway.
    expect(phases().sort()).toEqual(['answering', 'discussion', 'gate']);
    // The first delivery was refused with 503 and sent again.
    expect(bot.requests()).toBeGreaterThan(bot.got.length);
    expect(
      bot.got.filter(
        (n) => n.body.type === 'round_changed' && n.body.phase === 'answering' && n.body.change === 'phase',
      ),
    ).toHaveLength(1);
    expect(changes.filter((c) => c.change === 'tally').length).toBeLessThan(w.students.length);
    const groups = bot.got.find((n) => n.body.type === 'private_message')?.body;
    expect(groups).toMatchObject({ kind: 'group_assigned', roundId: round.roundId, classId: w.cls.id });
    expect(groups?.type === 'private_message' && [...groups.userIds].sort()).toEqual(
      w.students.map((s) => s.user.userId).sort(),
    );
  });
});
