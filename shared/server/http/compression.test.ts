import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../test/rawHttp';
import { buildUser, startTestService, type TestService } from '../test/testService';
import { negotiateEncoding } from './compress';

/** A script that compresses well and is clearly over the threshold. */
const SCRIPT = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, label: "row ${i}" }`).join(', ')}];\n`;
const STYLE = `.a{color:red}\n`.repeat(200);

describe('the built tab, precompressed, with ETag and 304', () => {
  let t: TestService;
  let dist: string;
  // The build's Brotli copy, marked so the test can tell it was served from disk and not made here.
  const prebuilt = brotliCompressSync(Buffer.from(`${SCRIPT}// prebuilt\n`));

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'stoa-static-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), `<!doctype html><title>Stoa</title>${'<p>x</p>'.repeat(300)}`);
    writeFileSync(join(dist, 'assets/app-1234.js'), SCRIPT);
    writeFileSync(join(dist, 'assets/app-1234.js.br'), prebuilt);
    writeFileSync(join(dist, 'assets/app-1234.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(dist, 'assets/style-1234.css'), STYLE); // no prebuilt copies
    writeFileSync(join(dist, 'assets/tiny-1234.js'), 'export {};\n');
    t = await startTestService({ env: { TAB_DIST: dist } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('GET /assets/app.js 200 sends the prebuilt Brotli file when br is accepted', async () => {
    const res = await rawRequest(`${t.url}/assets/app-1234.js`, {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toContain('Accept-Encoding');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(Number(res.headers['content-length'])).toBe(prebuilt.length);
    expect(res.body.equals(prebuilt)).toBe(true);
    expect(res.headers['etag']).toMatch(/^"[\w-]+-br"$/);
  });

  it('GET /assets/app.js 200 sends gzip to a client without Brotli, identity to one without either', async () => {
    const gz = await rawRequest(`${t.url}/assets/app-1234.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
    const plain = await rawRequest(`${t.url}/assets/app-1234.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
    const refused = await rawRequest(`${t.url}/assets/app-1234.js`, {
      headers: { 'accept-encoding': 'br;q=0, gzip' },
    });
    expect(refused.headers['content-encoding']).toBe('gzip');
  });

  it('GET /assets/style.css 200 is compressed here when the build made no copy', async () => {
    const res = await rawRequest(`${t.url}/assets/style-1234.css`, { headers: { 'accept-encoding': 'br' } });
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(res.body).toString()).toBe(STYLE);
    expect(res.body.length).toBeLessThan(STYLE.length / 10);
  });

  it('GET of a file under 1 KB 200 goes out uncompressed', async () => {
    const res = await rawRequest(`${t.url}/assets/tiny-1234.js`, {
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe('export {};\n');
  });

  it('GET / 304 with the ETag of any encoding; 200 again when the file changed', async () => {
    const first = await rawRequest(`${t.url}/`, { headers: { 'accept-encoding': 'br' } });
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = String(first.headers['etag']);
    const again = await rawRequest(`${t.url}/`, {
      headers: { 'accept-encoding': 'br', 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // A cache that stored the gzip copy revalidates too: same content, other encoding.
    const gzipTag = etag.replace(/-br"$/, '-gzip"');
    const other = await rawRequest(`${t.url}/`, {
      headers: { 'accept-encoding': 'gzip', 'if-none-match': gzipTag },
    });
    expect(other.status).toBe(304);
    // A client-side route answers with index.html and the same validator.
    const route = await rawRequest(`${t.url}/tab/class`, {
      headers: { 'accept-encoding': 'br', 'if-none-match': etag },
    });
    expect(route.status).toBe(304);

    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Stoa 2</title>');
    const changed = await rawRequest(`${t.url}/`, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.body.toString()).toContain('Stoa 2');
    expect(changed.headers['etag']).not.toBe(etag);
  });
});

describe('API responses compressed above a size threshold', () => {
  let t: TestService;
  let token = '';
  beforeAll(async () => {
    t = await startTestService({ env: { COMPRESS_MIN_BYTES: '400' } });
    const user = buildUser();
    const client = await t.as(user);
    for (let i = 0; i < 8; i += 1)
      await client.call('createClass', { body: { name: `Class number ${i} of many` } });
    token = (await t.anonymous().call('createDevToken', { body: user })).token;
  });
  afterAll(() => t.close());
  const auth = () => ({ authorization: `Bearer ${token}` });

  it('GET /classes 200 over the threshold: Brotli, gzip or identity as accepted, same JSON each way', async () => {
    const plain = await rawRequest(`${t.url}/api/v1/classes`, { headers: auth() });
    expect(plain.status).toBe(200);
    expect(plain.body.length).toBeGreaterThan(400);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await rawRequest(`${t.url}/api/v1/classes`, {
      headers: { ...auth(), 'accept-encoding': 'gzip, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toContain('Accept-Encoding');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    const gz = await rawRequest(`${t.url}/api/v1/classes`, {
      headers: { ...auth(), 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString())).toEqual(JSON.parse(plain.body.toString()));
  });

  it('GET /me 200 under the threshold goes out as it is', async () => {
    const res = await rawRequest(`${t.url}/api/v1/me`, {
      headers: { ...auth(), 'accept-encoding': 'br, gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.body.length).toBeLessThan(400);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.body.toString())).toMatchObject({ via: 'user' });
  });

  it('the typed client reads compressed answers (fetch decodes them)', async () => {
    const user = buildUser();
    const client = await t.as(user);
    for (let i = 0; i < 8; i += 1)
      await client.call('createClass', { body: { name: `Typed client class ${i}` } });
    const page = await client.call('listClasses', {});
    expect(page.items.length).toBeGreaterThanOrEqual(8);
  });
});

describe('negotiateEncoding', () => {
  it('prefers Brotli on a tie, honours q-values and *, falls back to identity', () => {
    expect(negotiateEncoding('gzip, br', ['br', 'gzip'])).toBe('br');
    expect(negotiateEncoding('br;q=0.5, gzip', ['br', 'gzip'])).toBe('gzip');
    expect(negotiateEncoding('*', ['br', 'gzip'])).toBe('br');
    expect(negotiateEncoding('deflate', ['br', 'gzip'])).toBe('identity');
    expect(negotiateEncoding(undefined, ['br', 'gzip', 'identity'])).toBe('identity');
    expect(negotiateEncoding('gzip;q=0, br;q=0', ['br', 'gzip', 'identity'])).toBe('identity');
  });
});
