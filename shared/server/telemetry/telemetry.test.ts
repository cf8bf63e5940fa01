import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PI_ROUND, buildRoundWorld, startRound } from '../rounds/test/roundWorld';
import { noteClient, waitFor } from '../notes/test/collabClient';
import { TEST_REDIS_URL } from '../test/backends';
import { attr, startOtlpReceiver, type OtlpReceiver } from '../test/otlpReceiver';
import { rawRequest } from '../test/rawHttp';
import { buildUser, startTestService, type TestService } from '../test/testService';
import { flushTraces, traceFields } from './tracing';

const METRICS_TOKEN = randomBytes(24).toString('hex');

describe('telemetry: OTLP traces, Prometheus metrics, trace ids in logs (PostgreSQL, Redis)', () => {
  let receiver: OtlpReceiver;
  let t: TestService;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n'))
          if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    const log = pino({ level: 'info', mixin: traceFields }, sink);
    t = await startTestService({
      backend: 'postgres',
      log,
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        METRICS_TOKEN,
        METRICS_PORT: '0',
        REDIS_URL: TEST_REDIS_URL,
        RATE_LIMIT_PER_MINUTE: '40',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  const spansNamed = async (name: string | RegExp, traceId?: string) => {
    const match = (s: OtlpReceiver['spans'][number]) =>
      (typeof name === 'string' ? s.name === name : name.test(s.name)) && (!traceId || s.traceId === traceId);
    await flushTraces();
    await waitFor(() => receiver.spans.some(match), `span ${String(name)}`);
    return receiver.spans.filter(match);
  };

  it('GET /me 200 is a server span named by its route, child of the caller’s traceparent, its log line carries the trace id', async () => {
    const { token } = await t.anonymous().call('createDevToken', { body: buildUser() });
    const traceId = randomBytes(16).toString('hex');
    const parentId = randomBytes(8).toString('hex');
    const res = await rawRequest(`${t.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${token}`, traceparent: `00-${traceId}-${parentId}-01` },
    });
    expect(res.status).toBe(200);
    const [span] = await spansNamed('GET /api/v1/me', traceId);
    expect(span!.parentSpanId).toBe(parentId);
    expect(attr(span!, 'http.route')).toBe('/api/v1/me');
    expect(attr(span!, 'http.response.status_code')).toBe(200);
    const line = lines.find((l) => l.msg === 'request' && l.url === '/api/v1/me' && l.trace_id === traceId);
    expect(line).toBeDefined();
  });

  it('POST /classes 201: its database statements are spans inside the request span (after body parsing)', async () => {
    const client = await t.as(buildUser());
    await client.call('createClass', { body: { name: 'Traced' } });
    const [server] = await spansNamed('POST /api/v1/classes');
    const db = await spansNamed(/^db /, server!.traceId);
    expect(db.length).toBeGreaterThan(0);
    expect(db.every((s) => s.parentSpanId === server!.spanId)).toBe(true);
    expect(db.map((s) => attr(s, 'db.system.name'))).toContain('postgresql');
    expect(db.some((s) => s.name.startsWith('db insert'))).toBe(true);
  });

  it('a round start publishes traced events through Redis; a note connection has collaboration spans', async () => {
    const w = await buildRoundWorld(t, 1);
    await startRound(w, PI_ROUND);
    const published = await spansNamed('events publish');
    expect(published.map((s) => attr(s, 'messaging.system'))).toContain('redis');
    const { token } = await t.anonymous().call('createDevToken', { body: w.owner.user });
    const note = noteClient(t.url, w.session.id, token);
    try {
      await waitFor(() => note.scopes.length > 0, 'note authenticated');
      await waitFor(() => note.provider.isSynced, 'note synced');
      const [load] = await spansNamed('collab load');
      expect(attr(load!, 'stoa.note')).toBe(w.session.id);
      const [connect] = await spansNamed('collab connect');
      expect(attr(connect!, 'stoa.note')).toBe(w.session.id);
    } finally {
      note.destroy();
    }
  });

  it('GET /metrics 401 without the token, 200 in Prometheus format with it, and on the metrics port', async () => {
    expect((await rawRequest(`${t.url}/api/v1/me`)).status).toBe(401);
    expect((await rawRequest(`${t.url}/metrics`)).status).toBe(401);
    expect(
      (await rawRequest(`${t.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-123456' } }))
        .status,
    ).toBe(401);
    const res = await rawRequest(`${t.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body.toString();
    expect(text).toMatch(
      /stoa_http_request_duration_seconds_count\{[^}]*operation="getMe"[^}]*status="200"[^}]*\} [1-9]/,
    );
    expect(text).toMatch(/stoa_http_request_duration_seconds_bucket\{[^}]*operation="createClass"/);
    expect(text).toMatch(/stoa_round_events_total\{[^}]*type="round_updated"[^}]*\} [1-9]/);
    expect(text).toMatch(/stoa_refusals_total\{[^}]*id="unauthenticated"[^}]*\} [1-9]/);
    expect(text).toMatch(/stoa_db_pool_connections\{[^}]*state="total"[^}]*\} [1-9]/);
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds');
    expect(text).toContain('process_cpu_seconds_total');
    expect(t.service.metricsUrl).not.toBeNull();
    const own = await rawRequest(t.service.metricsUrl!);
    expect(own.status).toBe(200);
    expect(own.body.toString()).toContain('stoa_http_request_duration_seconds');
    expect((await rawRequest(t.service.metricsUrl!.replace('/metrics', '/other'))).status).toBe(404);
  });

  it('gauges follow open editors, loaded notes and event streams; 429s are counted', async () => {
    const scrape = async () => (await rawRequest(t.service.metricsUrl!)).body.toString();
    const gauge = (text: string, name: string) =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1]);
    const w = await buildRoundWorld(t, 0);
    const { token } = await t.anonymous().call('createDevToken', { body: w.owner.user });
    const before = await scrape();
    const note = noteClient(t.url, w.session.id, token);
    const controller = new AbortController();
    const stream = await fetch(`${t.url}/api/v1/sessions/${w.session.id}/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    try {
      await waitFor(() => note.provider.isSynced, 'note synced');
      expect(stream.status).toBe(200);
      const during = await scrape();
      expect(gauge(during, 'stoa_notes_open_editors')).toBe(gauge(before, 'stoa_notes_open_editors') + 1);
      expect(gauge(during, 'stoa_notes_loaded')).toBeGreaterThanOrEqual(1);
      expect(gauge(during, 'stoa_event_stream_subscribers')).toBe(
        gauge(before, 'stoa_event_stream_subscribers') + 1,
      );
    } finally {
      note.destroy();
      controller.abort();
    }
    await new Promise((r) => setTimeout(r, 200));
    const after = await scrape();
    expect(gauge(after, 'stoa_event_stream_subscribers')).toBe(
      gauge(before, 'stoa_event_stream_subscribers'),
    );

    const busy = await t.as(buildUser());
    let limited = 0;
    for (let i = 0; i < 45 && limited === 0; i += 1) {
      limited += await busy.call('getMe', {}).then(
        () => 0,
        () => 1,
      );
    }
    expect(limited).toBe(1);
    expect(gauge(await scrape(), 'stoa_rate_limited_total')).toBeGreaterThanOrEqual(1);
  });
});
