import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import type { Logger } from 'pino';

/**
 * Traces, process-wide: OpenTelemetry keeps one tracer provider, context manager and propagator per process.
 * Nothing of the SDK is loaded until an OTLP endpoint is configured; until then every hook below returns
 * after one boolean test, so a service without a collector pays nothing.
 */
interface TracingState {
  tracer: Tracer;
  endpoint: string;
  flush(): Promise<void>;
}

let state: TracingState | null = null;
let starting: Promise<TracingState> | null = null;

/** Starts exporting spans by OTLP/HTTP (JSON) to `endpoint` (the collector's base URL, `/v1/traces` appended). */
export async function startTracing(
  endpoint: string,
  serviceName: string,
  version: string,
  log: Logger,
): Promise<void> {
  if (state) {
    if (state.endpoint !== endpoint)
      log.warn({ endpoint: state.endpoint }, 'tracing already exports elsewhere');
    return;
  }
  starting ??= (async () => {
    const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] =
      await Promise.all([
        import('@opentelemetry/sdk-trace-node'),
        import('@opentelemetry/exporter-trace-otlp-http'),
        import('@opentelemetry/resources'),
      ]);
    const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` });
    const provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ 'service.name': serviceName, 'service.version': version }),
      spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 })],
    });
    // Registers the AsyncLocalStorage context manager and the W3C trace-context propagator too.
    provider.register();
    // Its own tracer rather than the global one: in a process that also runs the bot (tests) each keeps its name.
    return { tracer: provider.getTracer('stoa', version), endpoint, flush: () => provider.forceFlush() };
  })();
  state = await starting;
}

/** True once spans are exported. */
export function tracingEnabled(): boolean {
  return state !== null;
}

/** Sends the spans still buffered (tests, shutdown). */
export async function flushTraces(): Promise<void> {
  await state?.flush();
}

/** The trace and span id of the active span, for log lines; empty without one. */
export function traceFields(): { trace_id?: string; span_id?: string } {
  if (!state) return {};
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

const requestSpans = new WeakMap<object, { span: Span; ctx: Context; method: string; ended: boolean }>();

/** Opens the server span of an HTTP request (parent from `traceparent`, when the caller sent one). */
export function startRequestSpan(
  req: object,
  method: string,
  path: string,
  headers: Record<string, unknown>,
): void {
  if (!state) return;
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  const span = state.tracer.startSpan(
    `${method} ${path}`,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': path } },
    parent,
  );
  requestSpans.set(req, { span, ctx: trace.setSpan(parent, span), method, ended: false });
}

/** Names the request's span after its route and closes it with the status. */
export function endRequestSpan(
  req: object,
  route: string | undefined,
  status: number,
  errorId?: string,
): void {
  const entry = requestSpans.get(req);
  // Kept (weakly, with the request) so the request's log line, written after this, still finds its trace id.
  if (!entry || entry.ended) return;
  entry.ended = true;
  const { span, method } = entry;
  if (route) {
    span.setAttribute('http.route', route);
    span.updateName(`${method} ${route}`);
  }
  span.setAttribute('http.response.status_code', status);
  if (errorId) span.setAttribute('stoa.error_id', errorId);
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/** The trace id of a request's span, for the request log line. */
export function requestTraceId(req: object): string | undefined {
  return requestSpans.get(req)?.span.spanContext().traceId;
}

/** Runs `fn` with the request's span current (body parsing loses the async context it was opened in). */
export function withRequestContext<T>(req: object, fn: () => T): T {
  const entry = requestSpans.get(req);
  return entry ? context.with(entry.ctx, fn) : fn();
}

/** Runs `fn` in a child span of the current one; without tracing just runs it. */
export async function inSpan<T>(
  name: string,
  attributes: Attributes,
  fn: () => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  if (!state) return fn();
  return state.tracer.startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await fn();
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** A span that already happened (start and end known), as a child of the current one. */
export function recordSpan(
  name: string,
  attributes: Attributes,
  startMs: number,
  endMs: number,
  failed = false,
): void {
  if (!state) return;
  const span = state.tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes, startTime: startMs });
  if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(endMs);
}

/** Opens a span that the caller ends (hooks whose start and end are separate calls). */
export function openSpan(name: string, attributes: Attributes): Span | null {
  return state ? state.tracer.startSpan(name, { attributes }) : null;
}
