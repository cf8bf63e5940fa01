import dns from 'node:dns';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBot, type RunningBot } from '../../bot/createBot';
import { parseBotEnv } from '../../bot/env';
import { buildUser } from '../../shared/server/test/testService';
import { cardAction, message, personalScene } from './activities';
import { startBotHarness, type BotHarness } from './harness';

const APP_ID = '11111111-2222-3333-4444-555555555555';
/** The issuer of tokens the Bot Framework channel service sends to bots. */
const CHANNEL_ISSUER = 'https://api.botframework.com';

let h: BotHarness;
let localKeysBot: RunningBot;
let keysMissingBot: RunningBot;
let publishedJwk: JWK;
let forgerKey: CryptoKey;
let publishedKey: CryptoKey;

beforeAll(async () => {
  const published = await generateKeyPair('RS256', { extractable: true });
  publishedKey = published.privateKey;
  // As the Bot Framework publishes them: each key lists the channels it may sign for.
  publishedJwk = {
    ...(await exportJWK(published.publicKey)),
    kid: 'published-key',
    use: 'sig',
    endorsements: ['msteams'],
  } as JWK;
  forgerKey = (await generateKeyPair('RS256')).privateKey;

  // Auth is on, with botbuilder's production settings (public cloud signing keys).
  h = await startBotHarness({ env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' } });
  // Two more bots whose signing keys come from the local connector, so nothing reaches the internet.
  h.connector.onGet((path) => {
    if (path === '/test-openid/.well-known/openidconfiguration')
      return {
        status: 200,
        body: { issuer: CHANNEL_ISSUER, jwks_uri: `${h.connector.url}/test-openid/keys` },
      };
    if (path === '/test-openid/keys') return { status: 200, body: { keys: [publishedJwk] } };
    return undefined;
  });
  const env = parseBotEnv({
    NODE_ENV: 'test',
    BOT_PORT: '0',
    STOA_SERVICE_URL: h.service.url,
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-a-real-secret',
  });
  const quiet = pino({ level: process.env.DEBUG_AUTH ? 'debug' : 'silent' });
  localKeysBot = await createBot(env, {
    log: quiet,
    adapter: { openIdMetadataUrl: `${h.connector.url}/test-openid/.well-known/openidconfiguration` },
  });
  // What an offline machine sees: the metadata host refuses the connection.
  keysMissingBot = await createBot(env, {
    log: quiet,
    adapter: { openIdMetadataUrl: `http://127.0.0.1:${await closedPort()}/.well-known/openidconfiguration` },
  });
});
afterAll(async () => {
  await keysMissingBot.close();
  await localKeysBot.close();
  await h.close();
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function postTo(bot: RunningBot, body: unknown, authorization?: string) {
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { error?: { id: string; message: string } } };
}

function channelToken(claims: { iss?: string; serviceUrl: string }, key: CryptoKey, kid: string) {
  // The Bot Framework names the claim in lower case.
  return new SignJWT({ serviceurl: claims.serviceUrl })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuer(claims.iss ?? CHANNEL_ISSUER)
    .setAudience(APP_ID)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
}

function activity() {
  const user = buildUser();
  return message(personalScene(h.connector.url, user.tenantId), user, 'help');
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** Counts host name resolutions: connecting to a loopback IP needs none, reaching the internet does. */
function watchDns() {
  return vi.spyOn(dns, 'lookup');
}

describe('bot auth with MicrosoftAppId set', () => {
  it('refuses an unsigned activity with production settings, without any network call (401)', async () => {
    h.connector.reset();
    const lookups = watchDns();
    const res = await postTo(h.bot, activity());
    expect(lookups).not.toHaveBeenCalled();
    expect(res.status).toBe(401);
    expect(res.body.error?.id).toBe('unauthenticated');
    expect(h.connector.calls).toHaveLength(0);
    // Refused before any key lookup: botbuilder needs no OpenID metadata for this.
    expect(h.connector.lookups).toHaveLength(0);
  });

  it('refuses a token from a foreign issuer before fetching any keys (401)', async () => {
    h.connector.reset();
    const token = await channelToken(
      { iss: 'https://issuer.example', serviceUrl: h.connector.url },
      forgerKey,
      'x',
    );
    const lookups = watchDns();
    const res = await postTo(h.bot, activity(), `Bearer ${token}`);
    expect(lookups).not.toHaveBeenCalled();
    expect(res.status).toBe(401);
    expect(res.body.error?.id).toBe('invalid_token');
    expect(h.connector.lookups).toHaveLength(0);
    expect(h.connector.calls).toHaveLength(0);
  });

  it('refuses a Bot Framework token with a forged signature, checked against published keys (401)', async () => {
    h.connector.reset();
    const token = await channelToken({ serviceUrl: h.connector.url }, forgerKey, 'published-key');
    const res = await postTo(localKeysBot, activity(), `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.error?.id).toBe('invalid_token');
    expect(res.body.error?.message).not.toMatch(/signature|key/i);
    expect(h.connector.calls).toHaveLength(0);
    // The refusal came from the signature check: the published keys were fetched (locally).
    expect(h.connector.lookups).toEqual([
      '/test-openid/.well-known/openidconfiguration',
      '/test-openid/keys',
    ]);
  });

  it('runs the turn for a correctly signed Teams activity, and only for the audience and channel it names', async () => {
    h.connector.reset();
    const user = buildUser();
    const scene = personalScene(h.connector.url, user.tenantId);
    // Invokes are answered in the HTTP response, so the turn needs no outgoing token (no network).
    const invoke = (name: string) => ({ ...message(scene, user, ''), type: 'invoke', name, value: {} });
    const lookups = watchDns();
    const signed = await channelToken({ serviceUrl: h.connector.url }, publishedKey, 'published-key');
    const answered = await postTo(
      localKeysBot,
      cardAction(scene, user, 'nosuchverb', {}),
      `Bearer ${signed}`,
    );
    // Stoa's card handler ran: a card it cannot read gets its polite Universal Actions error.
    expect(answered.status).toBe(400);
    const error = answered.body as { type?: string; value?: { message?: string } };
    expect(error.type).toBe('application/vnd.microsoft.error');
    expect(error.value?.message).toMatch(/^Sorry, I couldn't read that card/);
    // The turn ran Stoa's own invoke handling: an invoke it does not handle is its 400, not a 401.
    const unknown = await postTo(localKeysBot, invoke('task/fetch'), `Bearer ${signed}`);
    expect({ status: unknown.status, id: unknown.body.error?.id }).toEqual({
      status: 400,
      id: 'bad_request',
    });
    expect(lookups).not.toHaveBeenCalled();

    // The same key, but a token for another bot, or for a service URL other than the activity's.
    const otherBot = await new SignJWT({ serviceurl: h.connector.url })
      .setProtectedHeader({ alg: 'RS256', kid: 'published-key', typ: 'JWT' })
      .setIssuer(CHANNEL_ISSUER)
      .setAudience('99999999-2222-3333-4444-555555555555')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(publishedKey);
    const otherUrl = await channelToken(
      { serviceUrl: 'http://127.0.0.1:9/other' },
      publishedKey,
      'published-key',
    );
    // A channel the key is not endorsed for.
    const otherChannel = { ...invoke('task/fetch'), channelId: 'webchat' };
    for (const [body, token] of [
      [invoke('task/fetch'), otherBot],
      [invoke('task/fetch'), otherUrl],
      [otherChannel, signed],
    ] as const) {
      const res = await postTo(localKeysBot, body, `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(res.body.error?.id).toBe('invalid_token');
    }
    expect(h.connector.calls).toHaveLength(0);
  });

  it('answers 503 without running the turn when the signing keys cannot be fetched, as offline (503)', async () => {
    h.connector.reset();
    const token = await channelToken({ serviceUrl: h.connector.url }, forgerKey, 'published-key');
    const res = await postTo(keysMissingBot, activity(), `Bearer ${token}`);
    expect(res.status).toBe(503);
    expect(res.body.error?.id).toBe('service_unavailable');
    expect(h.connector.calls).toHaveLength(0);
  });

  it('keeps serving after refusals (200 /healthz)', async () => {
    const health = await fetch(`${h.bot.url}/healthz`);
    expect(health.status).toBe(200);
    const again = await postTo(h.bot, activity());
    expect(again.status).toBe(401);
  });
});
