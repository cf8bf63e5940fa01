import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, startTestService, type TestService } from '../../shared/server/test/testService';
import { botAdded, channelScene, message, personalScene } from './activities';
import { cardsOf } from './connector';
import { startBotHarness, type BotHarness } from './harness';

let h: BotHarness;
let restarted: TestService | undefined;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await restarted?.close();
  await h.close();
});

const errorId = (body: unknown) => (body as { error?: { id?: string } }).error?.id;

/** Whether the bot still answers `help` with a card: the proof that it keeps serving. */
async function stillServes(): Promise<boolean> {
  const user = buildUser();
  const scene = personalScene(h.connector.url, user.tenantId);
  h.connector.reset();
  const res = await h.post(message(scene, user, 'help'));
  return res.status === 200 && h.connector.posted().some((a) => cardsOf(a).length > 0);
}

describe('bot resilience', () => {
  it('answers politely without error text when the service is down, logs the turn, and recovers (200)', async () => {
    const user = buildUser();
    const scene = channelScene(h.connector.url, user.tenantId);
    const port = h.service.service.port;
    await h.service.close();

    h.connector.reset();
    const res = await h.post(message(scene, user, 'help', { mention: true }));
    expect(res.status).toBe(200);
    const sent = h.connector.posted();
    expect(sent).toHaveLength(1);
    const text = String(sent[0]!.text);
    expect(text).toMatch(/^Sorry, I can't reach Stoa right now/);
    expect(text).not.toMatch(/ECONNREFUSED|fetch failed|Could not reach|Error|127\.0\.0\.1|at /);

    const logged = h.logs.find((l) => l.msg === 'turn failed' && l.conversationId === scene.conversation.id);
    expect(logged).toMatchObject({ activityType: 'message', level: 50 });
    expect((logged?.err as { type?: string } | undefined)?.type).toBe('StoaNetworkError');

    // The same bot process keeps serving: once the service is back, help works again.
    restarted = await startTestService({ env: { PORT: String(port) } });
    expect(await stillServes()).toBe(true);
  });

  it('answers an invoke it does not handle with 400 bad_request (not a 5xx) and keeps serving', async () => {
    const user = buildUser();
    const scene = channelScene(h.connector.url, user.tenantId);
    for (const name of ['composeExtension/query', 'task/fetch', 'no/such-invoke']) {
      const res = await h.post({ ...message(scene, user, ''), type: 'invoke', name, value: {} });
      expect({ name, status: res.status, id: errorId(res.body) }).toEqual({
        name,
        status: 400,
        id: 'bad_request',
      });
    }
    expect(await stillServes()).toBe(true);
  });

  it('answers a garbage body with 400 invalid_json and keeps serving (400)', async () => {
    const res = await h.post('{"type": "message", oops');
    expect(res.status).toBe(400);
    expect(errorId(res.body)).toBe('invalid_json');
    expect(JSON.stringify(res.body)).not.toMatch(/Unexpected|position|SyntaxError/);
    expect(await stillServes()).toBe(true);
  });

  it('answers JSON that is not an activity with 400 bad_request (400)', async () => {
    const user = buildUser();
    const good = message(personalScene(h.connector.url, user.tenantId), user, 'help');
    const { serviceUrl: _s, ...noServiceUrl } = good;
    const { conversation: _c, ...noConversation } = good;
    for (const body of [
      [],
      'hello',
      42,
      {},
      noServiceUrl,
      noConversation,
      { ...good, type: 7 },
      { ...good, serviceUrl: 'file:///etc/passwd' },
    ]) {
      const res = await h.post(JSON.stringify(body));
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(errorId(res.body)).toBe('bad_request');
    }
    expect(await stillServes()).toBe(true);
  });

  it('refuses an oversized body with 413 payload_too_large (413)', async () => {
    const user = buildUser();
    const big = message(personalScene(h.connector.url, user.tenantId), user, 'x'.repeat(300 * 1024));
    const res = await h.post(big);
    expect(res.status).toBe(413);
    expect(errorId(res.body)).toBe('payload_too_large');
  });

  it('answers unknown routes and methods with the error model (404, 405)', async () => {
    const missing = await fetch(`${h.bot.url}/api/nothing`);
    expect(missing.status).toBe(404);
    expect(errorId(await missing.json())).toBe('route_not_found');
    const wrongMethod = await fetch(`${h.bot.url}/api/messages`);
    expect(wrongMethod.status).toBe(405);
    expect(errorId(await wrongMethod.json())).toBe('method_not_allowed');
    const health = await fetch(`${h.bot.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('replies politely to a message that names no Teams user, and changes nothing in the service (200)', async () => {
    const user = buildUser();
    const scene = channelScene(h.connector.url, user.tenantId);
    const activity = message(scene, user, 'help', { mention: true });
    h.connector.reset();
    const res = await h.post({ ...activity, from: { id: '29:ghost', name: 'Ghost' } });
    expect(res.status).toBe(200);
    const sent = h.connector.posted();
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.text)).toMatch(/can't tell who you are/);
    const { items } = await (await restarted!.as(user)).call('listClasses', { query: {} });
    expect(items).toHaveLength(0);
  });

  it('survives malformed mention entities and channelData (200)', async () => {
    const user = buildUser();
    const scene = channelScene(h.connector.url, user.tenantId);
    await h.post(botAdded(scene, user));
    const activity = message(scene, user, 'help', { mention: true });
    h.connector.reset();
    const res = await h.post({
      ...activity,
      entities: [{ text: '<at>Stoa</at>' }, { type: 'mention' }, 'junk'],
      channelData: { ...scene.channelData, team: 'not-an-object', meeting: { id: 12 } },
    });
    expect(res.status).toBe(200);
    expect(cardsOf(h.connector.posted().at(-1)!)).toHaveLength(1);
  });
});
