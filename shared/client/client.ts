import type { z } from 'zod';
import type { OperationId, Operations } from '../contract/api';
import type { Operation } from '../contract/operation';
import { ROUTES } from '../contract/routes';
import { StoaApiError, StoaNetworkError, isErrorId } from './errors';

type Part<S, K extends string> = S extends z.ZodNever
  ? unknown
  : S extends z.ZodType
    ? { [P in K]: z.input<S> }
    : unknown;
type QueryPart<S> = S extends z.ZodNever ? unknown : S extends z.ZodType ? { query?: z.input<S> } : unknown;

type OpOf<K extends OperationId> = Operations[K];
type Schemas<O> = O extends Operation<infer P, infer Q, infer B, infer R> ? [P, Q, B, R] : never;

/** What a call takes: `params`, `query` and `body` exactly where the operation has them. */
export type CallInput<K extends OperationId> = Part<Schemas<OpOf<K>>[0], 'params'> &
  QueryPart<Schemas<OpOf<K>>[1]> &
  Part<Schemas<OpOf<K>>[2], 'body'>;
/** What a call resolves to: the operation's response type. */
export type CallResult<K extends OperationId> = z.output<Schemas<OpOf<K>>[3]>;

export interface ClientOptions {
  /** Base URL of the service, e.g. `http://127.0.0.1:3000` (empty for same origin in the browser). */
  baseUrl: string;
  /** Returns the bearer token for a call, or null for public calls. */
  getToken?: () => string | null | Promise<string | null>;
  fetch?: typeof fetch;
  /** Per-call timeout in milliseconds. */
  timeoutMs?: number;
}

type Scalar = string | number | boolean;

function fillPath(path: string, params: Record<string, Scalar> | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
}

function queryString(query: Record<string, Scalar | undefined | null> | undefined): string {
  if (!query) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A typed client for every operation of the service; errors become `StoaApiError` with the service's id. */
export class StoaClient {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: ClientOptions) {
    this.fetchImpl = opts.fetch ?? globalThis.fetch.bind(globalThis);
  }

  get baseUrl(): string {
    return this.opts.baseUrl;
  }

  async call<K extends OperationId>(id: K, input: CallInput<K>): Promise<CallResult<K>> {
    // The route table, not `operations`: a browser caller should not load every schema to make a call.
    const op = ROUTES[id];
    const parts = input as {
      params?: Record<string, Scalar>;
      query?: Record<string, Scalar>;
      body?: unknown;
    };
    const url = `${this.opts.baseUrl}${fillPath(op.path, parts.params)}${queryString(parts.query)}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = op.auth === 'user' && this.opts.getToken ? await this.opts.getToken() : null;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (op.body) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(parts.body ?? {});
    }
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method: op.method.toUpperCase(),
        headers,
        body,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
      });
    } catch (err) {
      throw new StoaNetworkError(
        `Could not reach the Stoa service (${op.method.toUpperCase()} ${op.path}).`,
        err,
      );
    }
    const text = await res.text();
    // A text operation (Markdown export) resolves to the body itself.
    if (res.ok && op.contentType && op.contentType !== 'application/json') return text as CallResult<K>;
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      // handled below: a non-JSON answer is a network-level problem (proxy page, crash)
    }
    if (res.ok) return json as CallResult<K>;
    const error = (json as { error?: { id?: unknown; message?: unknown; details?: unknown } } | undefined)
      ?.error;
    if (error && isErrorId(error.id)) {
      throw new StoaApiError(
        error.id,
        res.status,
        typeof error.message === 'string' ? error.message : error.id,
        error.details,
      );
    }
    throw new StoaNetworkError(`The Stoa service answered ${res.status} without an error body.`);
  }
}
