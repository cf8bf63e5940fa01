import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushBotTraces } from '../../bot/telemetry';
import { waitFor } from '../../shared/server/notes/test/collabClient';
import { startOtlpReceiver, type OtlpReceiver, type OtlpSpan } from '../../shared/server/test/otlpReceiver';
import { buildUser } from '../../shared/server/test/testService';
import { flushTraces } from '../../shared/server/telemetry/tracing';
import { channelScene, message } from './activities';
import { startBotHarness, type BotHarness } from './harness';

/** Bot turns are traced, and the service calls a turn makes belong to the turn's trace. */
describe('bot turn traces', () => {
  let receiver: OtlpReceiver;
  let h: BotHarness;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url };
    h = await startBotHarness({ env: otel, serviceEnv: otel });
  });
  afterAll(async () => {
    await h?.close();
    await receiver?.close();
  });

  it('a channel message is a "bot turn message" span; the service requests it made are its children', async () => {
    const user = buildUser();
    const scene = channelScene(h.connector.url, user.tenantId, { team: 'Traced 101' });
    const res = await h.post(message(scene, user, 'hello'));
    expect(res.status).toBe(200);
    const turnOf = (s: OtlpSpan) => s.service === 'stoa-bot' && s.name === 'bot turn message';
    await waitFor(() => receiver.spans.some(turnOf), 'bot turn span', 10_000).catch(async () => {
      await Promise.all([flushBotTraces(), flushTraces()]);
      await waitFor(() => receiver.spans.some(turnOf), 'bot turn span');
    });
    const turn = receiver.spans.find(turnOf)!;
    await Promise.all([flushBotTraces(), flushTraces()]);
    const fromService = (s: OtlpSpan) =>
      s.service === 'stoa-service' && s.traceId === turn.traceId && s.parentSpanId === turn.spanId;
    await waitFor(() => receiver.spans.some(fromService), 'service spans in the turn trace');
    const calls = receiver.spans.filter(fromService).map((s) => s.name);
    expect(calls.some((n) => /^(GET|POST|PUT) \/api\/v1\//.test(n))).toBe(true);
  });
});
