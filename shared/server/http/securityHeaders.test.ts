import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../test/rawHttp';
import { buildUser, startTestService, type TestService } from '../test/testService';

const INLINE = "console.log('route preload')";

describe('security headers, CORS and HEAD', () => {
  let t: TestService;
  let dist: string;
  const allowed = 'https://stoa-partner.example.edu';

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'stoa-headers-'));
    writeFileSync(
      join(dist, 'index.html'),
      `<!doctype html><html><head><script type="module" src="/assets/a.js"></script><script>${INLINE}</script></head><body></body></html>`,
    );
    t = await startTestService({ env: { TAB_DIST: dist, CORS_ORIGINS: allowed } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('GET / 200 carries CSP with script-src self plus the inline script hash and Teams frame ancestors', async () => {
    const res = await rawRequest(`${t.url}/`);
    expect(res.status).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('script-src')?.[0]).toBe("'self'");
    expect(directives.get('script-src')).toHaveLength(2);
    expect(directives.get('script-src')?.[1]).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get('frame-ancestors')).toContain('https://teams.microsoft.com');
    expect(directives.get('frame-ancestors')).toContain('https://*.cloud.microsoft');
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['permissions-policy']).toContain('camera=()');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // Not behind TLS (PUBLIC_URL unset): no HSTS, which would pin plain-HTTP dev hosts.
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('the script hash in the CSP is that of the inline script', async () => {
    const { createHash } = await import('node:crypto');
    const res = await rawRequest(`${t.url}/tab/class`);
    const hash = createHash('sha256').update(INLINE).digest('base64');
    expect(String(res.headers['content-security-policy'])).toContain(`'sha256-${hash}'`);
  });

  it('HEAD / 200 with the headers of GET and no body (was 405)', async () => {
    const get = await rawRequest(`${t.url}/`);
    const head = await rawRequest(`${t.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.headers['etag']).toBe(get.headers['etag']);
  });

  it('HEAD /healthz, /api/v1/openapi.json and an authenticated API read answer 200 without a body', async () => {
    for (const path of ['/healthz', '/readyz', '/api/v1/openapi.json']) {
      const head = await rawRequest(`${t.url}${path}`, { method: 'HEAD' });
      expect([path, head.status, head.body.length]).toEqual([path, 200, 0]);
    }
    const { token } = await t.anonymous().call('createDevToken', { body: buildUser() });
    const head = await rawRequest(`${t.url}/api/v1/me`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-type']).toContain('application/json');
    const anon = await rawRequest(`${t.url}/api/v1/me`, { method: 'HEAD' });
    expect(anon.status).toBe(401);
  });

  it('HEAD of an event stream 200 ends after its headers', async () => {
    const user = buildUser();
    const owner = await t.as(user);
    const cls = await owner.call('createClass', { body: { name: 'Heads' } });
    const session = await owner.call('createSession', {
      params: { classId: cls.id },
      body: { title: 'One' },
    });
    const { token } = await t.anonymous().call('createDevToken', { body: user });
    const head = await rawRequest(`${t.url}/api/v1/sessions/${session.id}/events`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toContain('text/event-stream');
  });

  it('GET /metrics 404 when neither a metrics token nor a metrics port is configured (never public)', async () => {
    const res = await rawRequest(`${t.url}/metrics`);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body.toString())).toMatchObject({ error: { id: 'route_not_found' } });
    expect(t.service.metricsUrl).toBeNull();
  });

  it('OPTIONS preflight 204 from a listed origin grants methods and headers', async () => {
    const res = await rawRequest(`${t.url}/api/v1/classes`, {
      method: 'OPTIONS',
      headers: {
        origin: allowed,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(allowed);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
    expect(res.headers['vary']).toContain('Origin');
  });

  it('OPTIONS preflight 204 from any other origin grants nothing, and its reads carry no CORS header', async () => {
    const pre = await rawRequest(`${t.url}/api/v1/classes`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    expect(pre.headers['access-control-allow-methods']).toBeUndefined();
    const read = await rawRequest(`${t.url}/healthz`, { headers: { origin: 'https://evil.example.com' } });
    expect(read.status).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    const ok = await rawRequest(`${t.url}/healthz`, { headers: { origin: allowed } });
    expect(ok.headers['access-control-allow-origin']).toBe(allowed);
  });
});

describe('security headers behind TLS and with own frame ancestors', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({
      env: {
        PUBLIC_URL: 'https://stoa.example.edu',
        CSP_FRAME_ANCESTORS: 'https://teams.microsoft.com, https://lms.example.edu',
        HSTS_MAX_AGE_SECONDS: '31536000',
      },
    });
  });
  afterAll(() => t.close());

  it('GET /healthz 200 sends HSTS and exactly the configured frame ancestors', async () => {
    const res = await rawRequest(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(String(res.headers['content-security-policy'])).toContain(
      'frame-ancestors https://teams.microsoft.com https://lms.example.edu',
    );
  });
});
