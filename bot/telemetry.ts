import { SpanKind, SpanStatusCode, context, propagation, type Tracer } from '@opentelemetry/api';

/**
 * The bot's traces: a span per turn (activity type, invoke verb), with the W3C `traceparent` of the turn
 * sent on every call to the service, so a student's answer is one trace from the bot through the service
 * into the database. The SDK is loaded only when an OTLP endpoint is configured; until then the hooks cost
 * one test each. (The service has its own module: the bot never imports the service's code.)
 */
let tracer: Tracer | null = null;
let flush: (() => Promise<void>) | null = null;

/** Starts exporting the bot's spans by OTLP/HTTP to `endpoint` (`/v1/traces` appended). */
export async function startBotTracing(endpoint: string, serviceName: string): Promise<void> {
  if (tracer) return;
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
    ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }), {
        scheduledDelayMillis: 1000,
      }),
    ],
  });
  // Context manager and propagator are process-wide; when the service runs in this process (tests) it has
  // registered them already, and this provider's tracer is used directly.
  provider.register();
  tracer = provider.getTracer('stoa-bot');
  flush = () => provider.forceFlush();
}

/** Sends buffered spans (tests). */
export async function flushBotTraces(): Promise<void> {
  await flush?.();
}

interface TurnActivity {
  type?: string;
  name?: string;
  value?: unknown;
}

/** `bot turn message`, `bot turn invoke adaptiveCard/action answer`: what happened, never what was said. */
function turnName(a: TurnActivity): string {
  const verb = (a.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
  return ['bot turn', a.type ?? 'unknown', a.name, typeof verb === 'string' ? verb : undefined]
    .filter(Boolean)
    .join(' ');
}

/** Runs a turn inside its span (the caller's `traceparent`, if any, is its parent). */
export async function inTurnSpan<T>(
  activity: TurnActivity,
  headers: Record<string, unknown>,
  run: () => Promise<T>,
): Promise<T> {
  if (!tracer) return run();
  const parent = propagation.extract(context.active(), headers);
  return tracer.startActiveSpan(turnName(activity), { kind: SpanKind.SERVER }, parent, async (span) => {
    try {
      return await run();
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** Adds `traceparent` of the current turn to the headers of a call to the service. */
export function injectTraceHeaders(headers: Record<string, string>): void {
  if (tracer) propagation.inject(context.active(), headers);
}
