import type { z } from 'zod';
import type { ErrorId } from './errors';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One REST operation, described once: the server validates with it, the client types its calls with it,
 * the OpenAPI document and the proving-ground suites are generated from it.
 */
export interface Operation<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Path with `:name` parameters, e.g. `/api/v1/classes/:classId`. */
  path: string;
  summary: string;
  tag: string;
  /** `none`: public. `user`: a signed-in person (their own token, or the bot acting for them). */
  auth: 'none' | 'user';
  /** Who may call it beyond being signed in, for documentation and the isolation suites. */
  access: 'anyone' | 'self' | 'member' | 'facilitator' | 'owner' | 'dev' | 'admin';
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status: 200 | 201 | 204;
  /** Media type of a successful response; JSON when absent. A text type's response schema is a string. */
  contentType?: 'application/json' | 'text/markdown' | 'text/csv';
  /** `sse`: the response is a `text/event-stream` of `response` items instead of one JSON body. */
  stream?: 'sse';
  /** Error ids this operation can answer with, beyond the ones every operation can. */
  errors: readonly ErrorId[];
}

/** Keeps the literal types of an operation while checking its shape. */
export function defineOperation<
  P extends z.ZodType = z.ZodNever,
  Q extends z.ZodType = z.ZodNever,
  B extends z.ZodType = z.ZodNever,
  R extends z.ZodType = z.ZodType,
>(op: Operation<P, Q, B, R>): Operation<P, Q, B, R> {
  return op;
}

export type ParamsOf<O> = O extends Operation<infer P, z.ZodType, z.ZodType, z.ZodType> ? z.output<P> : never;
export type QueryOf<O> = O extends Operation<z.ZodType, infer Q, z.ZodType, z.ZodType> ? z.input<Q> : never;
export type BodyOf<O> = O extends Operation<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.input<B> : never;
export type ResponseOf<O> =
  O extends Operation<z.ZodType, z.ZodType, z.ZodType, infer R> ? z.output<R> : never;

/** Errors any authenticated operation may answer with. */
export const COMMON_ERRORS: readonly ErrorId[] = [
  'unauthenticated',
  'invalid_token',
  'validation_failed',
  'invalid_json',
  'payload_too_large',
  'rate_limited',
  'internal_error',
  // Entra's signing keys could not be fetched: the token may be fine, so it is not a 401.
  'service_unavailable',
];
