import { z } from 'zod';

const list = (fallback: readonly string[]) =>
  z
    .string()
    .optional()
    .transform((v) =>
      v === undefined
        ? [...fallback]
        : v
            .split(/[\s,]+/)
            .map((s) => s.trim())
            .filter(Boolean),
    );

/**
 * Where Teams and Microsoft 365 frame a tab (web, desktop and mobile clients, Outlook and the Microsoft 365
 * app): the only pages allowed to put the tab in a frame (`frame-ancestors`).
 */
export const TEAMS_FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.teams.microsoft.us',
  'https://local.teams.office.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.microsoft365.com',
] as const;

/**
 * Operations variables of the service (telemetry, headers, compression), spread into `ServiceEnvSchema`:
 * kept in their own file so the list of everyday variables stays short.
 */
export const opsEnvShape = {
  /** OTLP/HTTP endpoint of a trace collector (e.g. `http://otel-collector:4318`); empty: no tracing at all. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  /** Service name in traces. */
  OTEL_SERVICE_NAME: z.string().min(1).default('stoa-service'),
  /**
   * Port of a separate listener that serves only `/metrics` (Prometheus), on METRICS_HOST; unset: no such
   * listener. Keep it off the public network.
   */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Interface of the metrics listener. */
  METRICS_HOST: z.string().default('127.0.0.1'),
  /**
   * Bearer token (>= 16 chars) that opens `/metrics` on the main port; unset: `/metrics` on the main port
   * answers 404, so metrics are never public by default.
   */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Who may frame the tab (CSP `frame-ancestors`), space or comma separated; default Teams and Microsoft 365. */
  CSP_FRAME_ANCESTORS: list(TEAMS_FRAME_ANCESTORS),
  /** Origins besides the service's own that may call the API from a browser (CORS); default none. */
  CORS_ORIGINS: list([]),
  /**
   * `Strict-Transport-Security` max-age in seconds, sent when PUBLIC_URL is `https:` (the service sits behind
   * TLS); 0 never sends it.
   */
  HSTS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).default(15_552_000),
  /** API responses at least this large (bytes) are compressed (Brotli or gzip, as the client accepts). */
  COMPRESS_MIN_BYTES: z.coerce.number().int().min(0).default(1024),
};
