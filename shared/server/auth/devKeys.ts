import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

/** A local RS256 key pair that signs dev tokens; the verifier trusts its public half like Entra's JWKS. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function createSigningKey(kid: string): Promise<{ key: SigningKey; privateJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
  return { key: { kid, privateKey, publicJwk }, privateJwk };
}

/**
 * Loads the dev key from `path`, or makes one and saves it there, so tokens survive a restart and
 * several local instances sharing the folder trust each other's tokens.
 */
export async function loadOrCreateDevKey(path: string | null): Promise<SigningKey> {
  if (path && existsSync(path)) {
    const privateJwk = JSON.parse(readFileSync(path, 'utf8')) as JWK & { kid: string };
    const privateKey = (await importJWK(privateJwk, 'RS256')) as CryptoKey;
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
    return { kid: privateJwk.kid, privateKey, publicJwk: { ...publicJwk, use: 'sig' } };
  }
  const { key, privateJwk } = await createSigningKey(`stoa-dev-${Date.now().toString(36)}`);
  if (path) {
    mkdirSync(dirname(path), { recursive: true });
    // wx: when two instances start at once, the loser reads the winner's key instead of overwriting it.
    try {
      writeFileSync(path, JSON.stringify(privateJwk), { mode: 0o600, flag: 'wx' });
    } catch {
      return loadOrCreateDevKey(path);
    }
  }
  return key;
}
