import { createHmac } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { mintBotToken } from '../../client/botToken';
import { verifyHs256 } from './hs256';

const SECRET = 's'.repeat(48);
const key = new TextEncoder().encode(SECRET);
const checks = { issuer: 'stoa-bot', audience: 'stoa-service', clockTolerance: 60 };
const now = () => Math.floor(Date.now() / 1000);

function sign(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256' }): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

const valid = () => ({ iss: 'stoa-bot', aud: 'stoa-service', exp: now() + 300, iat: now() });

const refusedWith = (token: string, type: new (...args: never[]) => Error) =>
  expect(() => verifyHs256(token, key, checks)).toThrow(type);

describe('verifyHs256', () => {
  it('accepts what jose signs, and jose accepts what the bot mints', async () => {
    const token = await new SignJWT({ act: { oid: 'u' } })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('stoa-bot')
      .setAudience('stoa-service')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    expect(verifyHs256(token, key, checks).act).toEqual({ oid: 'u' });
    const minted = await mintBotToken(SECRET, { tenantId: 't', userId: 'u', name: 'N', conversationId: 'c' });
    const { payload } = await jwtVerify(minted, key, {
      algorithms: ['HS256'],
      issuer: 'stoa-bot',
      audience: 'stoa-service',
      requiredClaims: ['exp'],
    });
    expect(payload.act).toEqual({ tid: 't', oid: 'u', name: 'N', conv: 'c' });
    expect(verifyHs256(minted, key, checks)).toEqual(payload);
  });

  it('accepts an audience list that holds ours, and a token within the clock tolerance', () => {
    expect(() => verifyHs256(sign({ ...valid(), aud: ['x', 'stoa-service'] }), key, checks)).not.toThrow();
    expect(() =>
      verifyHs256(sign({ ...valid(), exp: now() - 30, nbf: now() + 30 }), key, checks),
    ).not.toThrow();
  });

  it('refuses another secret, a changed payload and a signature with trailing characters', async () => {
    refusedWith(
      await mintBotToken('w'.repeat(48), { tenantId: 't', userId: 'u', name: 'N' }),
      joseErrors.JWSSignatureVerificationFailed,
    );
    const [h, , s] = sign(valid()).split('.');
    const other = Buffer.from(JSON.stringify({ ...valid(), sub: 'x' })).toString('base64url');
    refusedWith(`${h}.${other}.${s}`, joseErrors.JWSSignatureVerificationFailed);
    refusedWith(`${sign(valid())}A`, joseErrors.JWSSignatureVerificationFailed);
  });

  it('refuses alg none, other algorithms, crit and b64 headers, and malformed tokens', () => {
    const [, p] = sign(valid()).split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    refusedWith(`${none}.${p}.`, joseErrors.JOSEError);
    refusedWith(sign(valid(), { alg: 'HS384' }), joseErrors.JOSEError);
    refusedWith(sign(valid(), { alg: 'HS256', crit: ['exp'], exp: 1 }), joseErrors.JWSInvalid);
    refusedWith(sign(valid(), { alg: 'HS256', b64: false, crit: ['b64'] }), joseErrors.JWSInvalid);
    for (const bad of ['', 'a.b', 'a.b.c.d', 'not.a.jwt']) refusedWith(bad, joseErrors.JOSEError);
  });

  it('refuses a wrong issuer or audience, missing claims and a payload that is not an object', () => {
    refusedWith(sign({ ...valid(), iss: 'someone' }), joseErrors.JWTClaimValidationFailed);
    refusedWith(sign({ ...valid(), aud: 'elsewhere' }), joseErrors.JWTClaimValidationFailed);
    refusedWith(sign({ ...valid(), aud: ['elsewhere'] }), joseErrors.JWTClaimValidationFailed);
    for (const claim of ['exp', 'iss', 'aud']) {
      const claims: Record<string, unknown> = valid();
      delete claims[claim];
      refusedWith(sign(claims), joseErrors.JWTClaimValidationFailed);
    }
    refusedWith(sign([1, 2] as unknown as Record<string, unknown>), joseErrors.JWTInvalid);
  });

  it('refuses an expired token, one not yet valid and non-numeric dates, beyond the tolerance', () => {
    refusedWith(sign({ ...valid(), exp: now() - 61 }), joseErrors.JWTExpired);
    refusedWith(sign({ ...valid(), nbf: now() + 120 }), joseErrors.JWTClaimValidationFailed);
    refusedWith(sign({ ...valid(), exp: String(now() + 300) }), joseErrors.JWTClaimValidationFailed);
    refusedWith(sign({ ...valid(), iat: 'yesterday' }), joseErrors.JWTClaimValidationFailed);
  });
});
