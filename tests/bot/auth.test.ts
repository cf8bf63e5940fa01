import dns from 'node:dns';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBot, type RunningBot } from '../../bot/createBot';
import { parseBotEnv } from '../../bot/env';
import { buildUser } from '../../shared/server/test/testService';
import { message, personalScene } from './activities';
import { startBotHarness, type BotHarness } from './harness';

const APP_ID = '11111111-2222-3333-4444-555555555555';
/** The issuer of tokens the Bot Framework channel service sends to bots. */
const CHANNEL_ISSUER = 'https://api.botframework.com';

let h: BotHarness;
let localKeysBot: RunningBot;
let keysMissingBot: RunningBot;
let publishedJwk: JWK;
let forgerKey: CryptoKey;

beforeAll(async () => {
  const published = await generateKeyPair('RS256', { extractable: true });
  publishedJwk = { ...(await exportJWK(published.publicKey)), kid: 'published-key', use: 'sig' };
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
  const quiet = pino({ level: 'silent' });
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
  return new SignJWT({ serviceUrl: claims.serviceUrl })
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
