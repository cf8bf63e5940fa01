import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Live figures read at scrape time from the modules that own them. */
export interface MetricSources {
  openEditors(): number;
  loadedNotes(): number;
  /** PostgreSQL pool; null on SQLite (one connection, no pool). */
  dbPool(): { total: number; idle: number; waiting: number } | null;
}

/**
 * The service's Prometheus metrics, one registry per service (tests run several in one process). Process
 * figures (CPU, memory, GC, event-loop delay percentiles) come from prom-client's default collectors.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'operation' | 'method' | 'status'>;
  readonly refusals: Counter<'id' | 'reason'>;
  readonly rateLimited: Counter<'scope'>;
  readonly roundEvents: Counter<'type'>;
  readonly streamSubscribers: Gauge;
  private sources: MetricSources = { openEditors: () => 0, loadedNotes: () => 0, dbPool: () => null };

  constructor(labels: Record<string, string> = {}) {
    const registers = [this.registry];
    this.registry.setDefaultLabels(labels);
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    this.httpDuration = new Histogram({
      name: 'stoa_http_request_duration_seconds',
      help: 'HTTP requests by contract operation (or route), method and status: rate from _count, latency from buckets.',
      labelNames: ['operation', 'method', 'status'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.refusals = new Counter({
      name: 'stoa_refusals_total',
      help: 'Requests refused with a stable error id (4xx), by id and, for round refusals, the engine reason.',
      labelNames: ['id', 'reason'],
      registers,
    });
    this.rateLimited = new Counter({
      name: 'stoa_rate_limited_total',
      help: 'Requests refused for a used-up rate budget.',
      labelNames: ['scope'],
      registers,
    });
    this.roundEvents = new Counter({
      name: 'stoa_round_events_total',
      help: 'Session events published, by event type (round views, session changes).',
      labelNames: ['type'],
      registers,
    });
    this.streamSubscribers = new Gauge({
      name: 'stoa_event_stream_subscribers',
      help: 'Session event streams open on this instance.',
      registers,
    });
    const sources = () => this.sources;
    new Gauge({
      name: 'stoa_notes_open_editors',
      help: 'Notes WebSocket connections (editors and readers) open on this instance.',
      registers,
      collect() {
        this.set(sources().openEditors());
      },
    });
    new Gauge({
      name: 'stoa_notes_loaded',
      help: 'Notes loaded in memory on this instance.',
      registers,
      collect() {
        this.set(sources().loadedNotes());
      },
    });
    new Gauge({
      name: 'stoa_db_pool_connections',
      help: 'PostgreSQL pool connections by state (total, idle, waiting clients).',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = sources().dbPool();
        if (!pool) return;
        this.set({ state: 'total' }, pool.total);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
  }

  /** Where the live gauges read from; set once the modules exist. */
  observe(sources: Partial<MetricSources>): void {
    this.sources = { ...this.sources, ...sources };
  }

  /** The text exposition format. */
  async render(): Promise<{ type: string; body: string }> {
    return { type: this.registry.contentType, body: await this.registry.metrics() };
  }
}
