import { SignJWT, exportSPKI, importJWK } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mintBotToken } from '../../shared/client/botToken';
import { BOT_TOKEN_ISSUER } from '../../shared/contract/auth';
import { createSigningKey, type SigningKey } from '../../shared/server/auth/devKeys';
import {
  ENTRA_APP,
  signEntraToken,
  startJwksServer,
  unsignedToken,
  type JwksServer,
} from '../../shared/server/test/entra';
import { startTestService, type TestService } from '../../shared/server/test/testService';
import { errorId, pool, send } from './judge';
import { documentOperations, fetchOpenApi, fillPath, type OpenApiDoc } from './openapi';
import { sample } from './samples';

// The verifier's rules one by one are unit-tested in shared/server/auth/verifier.test.ts, and a few over
// HTTP in shared/server/auth/entraApi.test.ts; the bot endpoint refusing unsigned activities with
// MicrosoftAppId set is tests/bot/auth.test.ts. This suite proves every operation of the document applies them.

const BOT_SECRET = 'proving-bot-secret-0123456789abcdef0123';
let key: SigningKey;
let stranger: SigningKey;
let jwks: JwksServer;
let t: TestService;
let doc: OpenApiDoc;
beforeAll(async () => {
  key = (await createSigningKey('proving-key')).key;
  stranger = (await createSigningKey('proving-key')).key;
  jwks = await startJwksServer([key.publicJwk]);
  t = await startTestService({
    env: {
      AUTH_MODE: 'entra',
      ENTRA_JWKS_URL: jwks.url,
      AAD_APP_CLIENT_ID: ENTRA_APP.clientId,
      AAD_APP_ID_URI: ENTRA_APP.appIdUri,
      ALLOWED_TENANTS: ENTRA_APP.tenant,
      BOT_SERVICE_SECRET: BOT_SECRET,
    },
  });
  doc = await fetchOpenApi(t.url);
});
afterAll(async () => {
  await t.close();
  await jwks.close();
});

/** HS256 "signed" with the RSA public key (PEM): algorithm confusion. */
async function confused(): Promise<string> {
  const pem = await exportSPKI((await importJWK(key.publicJwk, 'RS256', { extractable: true })) as CryptoKey);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: ENTRA_APP.tenant, oid: 'x', scp: 'access_as_user', ver: '2.0' })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid })
    .setIssuer(`https://login.microsoftonline.com/${ENTRA_APP.tenant}/v2.0`)
    .setAudience(ENTRA_APP.clientId)
    .setExpirationTime(now + 600)
    .sign(new TextEncoder().encode(pem));
}

async function badTokens(): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const act = { tenantId: ENTRA_APP.tenant, userId: 'victim', name: 'Victim' };
  return {
    'alg none': unsignedToken({
      iss: `https://login.microsoftonline.com/${ENTRA_APP.tenant}/v2.0`,
      aud: ENTRA_APP.clientId,
      tid: ENTRA_APP.tenant,
      oid: 'x',
      scp: 'access_as_user',
      exp: now + 600,
    }),
    'HS256 signed with the public key': await confused(),
    'wrong issuer': await signEntraToken(key, { issuer: 'https://evil.example/v2.0' }),
    'wrong audience': await signEntraToken(key, { audience: 'api://someone-else' }),
    'tenant not allowed': await signEntraToken(key, { tenantId: ENTRA_APP.otherTenant }),
    expired: await signEntraToken(key, { expiresIn: -3600 }),
    'not yet valid': await signEntraToken(key, { notBefore: 3600 }),
    'missing scp': await signEntraToken(key, { scope: '' }),
    'unknown kid': await signEntraToken(key, { kid: 'rotated-away' }),
    'known kid, another key': await signEntraToken(stranger),
    'bot act claim in a user token': await signEntraToken(key, {
      claims: { act: { tid: ENTRA_APP.tenant, oid: 'victim' } },
    }),
    'user token claiming the bot issuer': await signEntraToken(key, {
      issuer: BOT_TOKEN_ISSUER,
      claims: { act },
    }),
    'bot token with the wrong secret': await mintBotToken('w'.repeat(48), act),
  };
}

it('every secured operation answers every forged or invalid token with 401 invalid_token, and changes nothing', async () => {
  const tokens = await badTokens();
  const ops = documentOperations(doc).filter((op) => op.secured);
  const params: Record<string, string> = {
    classId: 'cls_x',
    sessionId: 'ses_x',
    roundId: 'rnd_x',
    versionId: 'nv_x',
    userId: 'u',
  };
  const failures: string[] = [];
  const cases = ops.flatMap((op) => Object.entries(tokens).map(([label, token]) => ({ op, label, token })));
  await pool(cases, 8, async ({ op, label, token }) => {
    const body = op.body ? JSON.stringify(sample(doc, op.body)) : undefined;
    const a = await send(t.url, op.method, fillPath(op.path, params), {
      token,
      ...(body ? { body, contentType: 'application/json' } : {}),
    });
    if (a.status !== 401 || errorId(a) !== 'invalid_token')
      failures.push(
        `${op.method.toUpperCase()} ${op.path} with ${label}: ${a.status} ${a.text.slice(0, 100)}`,
      );
  });
  console.log(
    `[proving] tokens: ${cases.length} requests (${Object.keys(tokens).length} bad tokens x ${ops.length} secured operations); ${failures.length} failures`,
  );
  expect(failures).toEqual([]);
  // The control: a good token works, and the forged ones created nothing for the users they named.
  for (const userId of ['x', 'entra-user-1', 'victim']) {
    const good = await signEntraToken(key, { userId });
    expect((await send(t.url, 'get', '/api/v1/me', { token: good })).status).toBe(200);
    const classes = await send(t.url, 'get', '/api/v1/classes', { token: good });
    expect(JSON.parse(classes.text)).toMatchObject({ items: [] });
  }
});
