import { createLocalJWKSet, exportSPKI, importJWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { mintBotToken } from '../../client/botToken';
import { BOT_TOKEN_AUDIENCE, BOT_TOKEN_ISSUER } from '../../contract/auth';
import { AuthenticationError } from '../errors';
import { ENTRA_APP, signEntraToken, unsignedToken } from '../test/entra';
import { createSigningKey, type SigningKey } from './devKeys';
import { TokenVerifier } from './verifier';

const BOT_SECRET = 'b'.repeat(48);
const act = { tenantId: ENTRA_APP.tenant, userId: 'teams-user', name: 'Teams User' };

describe('TokenVerifier', () => {
  let key: SigningKey;
  let stranger: SigningKey;
  let verifier: TokenVerifier;
  beforeAll(async () => {
    key = (await createSigningKey('entra-key-1')).key;
    // Same kid as the trusted key but another key pair: a forger who copied the header.
    stranger = (await createSigningKey('entra-key-1')).key;
    verifier = new TokenVerifier({
      userKeys: createLocalJWKSet({ keys: [key.publicJwk] }),
      audiences: [ENTRA_APP.clientId, ENTRA_APP.appIdUri],
      allowedTenants: [ENTRA_APP.tenant],
      botSecret: BOT_SECRET,
    });
  });

  const refused = async (token: string | Promise<string>) => {
    const err = await verifier.verify(await token).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as AuthenticationError).id).toBe('invalid_token');
  };

  it('accepts a v1 token: sts.windows.net issuer, api:// audience', async () => {
    const p = await verifier.verify(await signEntraToken(key, { version: '1.0' }));
    expect(p).toEqual({
      tenantId: ENTRA_APP.tenant,
      userId: 'entra-user-1',
      name: 'Entra User',
      via: 'user',
      roles: [],
    });
  });

  it('accepts a v2 token: login.microsoftonline.com issuer, client id audience, with app roles', async () => {
    const token = await signEntraToken(key, { version: '2.0', claims: { roles: ['Stoa.Admin', 7] } });
    expect(await verifier.verify(token)).toMatchObject({ via: 'user', roles: ['Stoa.Admin'] });
  });

  it('accepts the bot acting for a user, and says so', async () => {
    expect(await verifier.verify(await mintBotToken(BOT_SECRET, act))).toEqual({
      ...act,
      via: 'bot',
      roles: [],
    });
  });

  it('accepts a token a little past expiry or before nbf, within the clock tolerance', async () => {
    await verifier.verify(await signEntraToken(key, { expiresIn: -20 }));
    await verifier.verify(await signEntraToken(key, { notBefore: 20 }));
  });

  it('refuses a wrong issuer, another tenant’s issuer and a v1 issuer on a v2 token', async () => {
    await refused(signEntraToken(key, { issuer: 'https://evil.example/' }));
    await refused(
      signEntraToken(key, { issuer: `https://login.microsoftonline.com/${ENTRA_APP.otherTenant}/v2.0` }),
    );
    await refused(
      signEntraToken(key, { version: '2.0', issuer: `https://sts.windows.net/${ENTRA_APP.tenant}/` }),
    );
  });

  it('refuses a wrong audience', async () => {
    await refused(signEntraToken(key, { audience: 'api://someone-else' }));
    await refused(signEntraToken(key, { audience: '00000003-0000-0000-c000-000000000000' }));
  });

  it('refuses a tenant that is not allowed', async () => {
    await refused(signEntraToken(key, { tenantId: ENTRA_APP.otherTenant }));
  });

  it('refuses a token without the access_as_user scope', async () => {
    await refused(signEntraToken(key, { scope: 'User.Read' }));
    await refused(signEntraToken(key, { scope: 'access_as_user_admin' }));
    await refused(signEntraToken(key, { claims: { scp: ['access_as_user'] } }));
  });

  it('refuses an expired token and one not yet valid, beyond the tolerance', async () => {
    await refused(signEntraToken(key, { expiresIn: -300 }));
    await refused(signEntraToken(key, { notBefore: 600 }));
  });

  it('refuses an unknown kid and a signature from another key with a known kid', async () => {
    await refused(signEntraToken(key, { kid: 'rotated-away' }));
    await refused(signEntraToken(stranger));
  });

  it('refuses alg none', async () => {
    const now = Math.floor(Date.now() / 1000);
    await refused(
      unsignedToken({
        iss: `https://login.microsoftonline.com/${ENTRA_APP.tenant}/v2.0`,
        aud: ENTRA_APP.clientId,
        tid: ENTRA_APP.tenant,
        oid: 'x',
        scp: 'access_as_user',
        exp: now + 600,
      }),
    );
    await refused(unsignedToken({ iss: BOT_TOKEN_ISSUER, aud: BOT_TOKEN_AUDIENCE, act, exp: now + 600 }));
  });

  it('refuses HS256 signed with the RSA public key (algorithm confusion)', async () => {
    const publicKey = await importJWK(key.publicJwk, 'RS256', { extractable: true });
    const pem = await exportSPKI(publicKey as CryptoKey);
    const now = Math.floor(Date.now() / 1000);
    for (const secret of [pem, JSON.stringify(key.publicJwk), key.publicJwk.n ?? '']) {
      const token = await new SignJWT({ tid: ENTRA_APP.tenant, oid: 'x', scp: 'access_as_user', ver: '2.0' })
        .setProtectedHeader({ alg: 'HS256', kid: key.kid })
        .setIssuer(`https://login.microsoftonline.com/${ENTRA_APP.tenant}/v2.0`)
        .setAudience(ENTRA_APP.clientId)
        .setExpirationTime(now + 600)
        .sign(new TextEncoder().encode(secret));
      await refused(token);
    }
  });

  it('refuses a user token that carries an act claim', async () => {
    await refused(signEntraToken(key, { claims: { act: { tid: ENTRA_APP.tenant, oid: 'victim' } } }));
  });

  it('refuses a user token that claims the bot issuer', async () => {
    await refused(signEntraToken(key, { issuer: BOT_TOKEN_ISSUER, claims: { act } }));
  });

  it('refuses a bot token signed with the wrong secret, without act, or for a tenant not allowed', async () => {
    await refused(mintBotToken('w'.repeat(48), act));
    const now = Math.floor(Date.now() / 1000);
    const noAct = new SignJWT({ sub: 'stoa-bot' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(BOT_TOKEN_ISSUER)
      .setAudience(BOT_TOKEN_AUDIENCE)
      .setExpirationTime(now + 300)
      .sign(new TextEncoder().encode(BOT_SECRET));
    await refused(noAct);
    await refused(mintBotToken(BOT_SECRET, { ...act, userId: '' }));
    await refused(mintBotToken(BOT_SECRET, { ...act, tenantId: ENTRA_APP.otherTenant }));
    await refused(mintBotToken(BOT_SECRET, act, -300));
  });

  it('refuses tokens naming no tenant or user, and strings that are not JWTs', async () => {
    await refused(signEntraToken(key, { claims: { oid: undefined } }));
    for (const junk of ['', 'abc', 'a.b.c', 'a.b', '...', `${'x'.repeat(10)}.${'y'.repeat(10)}.`])
      await refused(junk);
  });
});
