import type { Request, RequestHandler, Response, Server } from 'restify';
import type { z } from 'zod';
import type { Operation } from '../../contract/operation';
import type { Principal } from '../auth/principal';
import { ServiceError } from '../errors';
import { withRequestContext } from '../telemetry/tracing';
import { sendBody } from './compress';
import { parsePart } from './validate';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<O extends Operation> {
  principal: Principal;
  params: Out<NonNullable<O['params']>>;
  query: Out<NonNullable<O['query']>>;
  body: Out<NonNullable<O['body']>>;
  req: Request;
  res: Response;
}

export type RouteHandler<O extends Operation> = (input: RouteInput<O>) => Promise<z.input<O['response']>>;

export interface RouteDeps {
  /** Verifies the bearer token of a request; throws `unauthenticated` / `invalid_token`. */
  authenticate(req: Request): Promise<Principal>;
  /** Throws `rate_limited` when the principal has used up its budget (shared by all instances with Redis). */
  limit(principal: Principal): void | Promise<void>;
  /** restify's query and JSON body parsers, configured once. */
  parsers: { query: RequestHandler; body: RequestHandler[] };
  /** Responses at least this large (bytes) are compressed when the client accepts it. */
  compressMinBytes: number;
}

function isJson(req: Request): boolean {
  const type = req.headers['content-type'] ?? '';
  return type.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function hasBody(req: Request): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return length > 0 || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Binds an operation of the contract to a handler: authenticate, rate limit, validate params, query and
 * body with the contract's schemas, run the handler, send its result with the operation's status.
 */
export function bindOperation<O extends Operation>(
  server: Server,
  deps: RouteDeps,
  op: O,
  handler: RouteHandler<O>,
): void {
  const run = async (req: Request, res: Response): Promise<void> => {
    const principal = op.auth === 'user' ? await deps.authenticate(req) : (null as unknown as Principal);
    if (principal) await deps.limit(principal);
    const params = op.params ? parsePart(op.params, req.params ?? {}, 'params') : undefined;
    const query = op.query ? parsePart(op.query, req.query ?? {}, 'query') : undefined;
    let body: unknown;
    if (op.body) {
      if (hasBody(req) && !isJson(req)) {
        throw new ServiceError('unsupported_media_type', 'Send the request body as application/json.');
      }
      body = parsePart(op.body, req.body === undefined ? {} : req.body, 'body');
    }
    const result = await handler({ principal, params, query, body, req, res } as RouteInput<O>);
    if (op.stream) return; // the handler wrote the stream itself
    const text = op.contentType !== undefined && op.contentType !== 'application/json';
    const out = text ? String(result) : (JSON.stringify(result) as string | undefined);
    const type = `${op.contentType ?? 'application/json'}; charset=utf-8`;
    await sendBody(req, res, op.status, out, type, deps.compressMinBytes);
  };
  // The request's trace (when tracing is on) stays current through the handler, so storage spans nest in it.
  // restify tells async handlers from callback ones by their kind: this must be an async function.
  const chain = async (req: Request, res: Response): Promise<void> => {
    await withRequestContext(req, () => run(req, res));
  };
  // Parsers run only on operations that take a query or a body: the hot read paths skip them.
  const handlers: RequestHandler[] = [];
  if (op.query) handlers.push(deps.parsers.query);
  if (op.body) handlers.push(...deps.parsers.body);
  handlers.push(chain);
  const path = op.path;
  switch (op.method) {
    case 'get':
      server.get(path, ...handlers);
      break;
    case 'post':
      server.post(path, ...handlers);
      break;
    case 'put':
      server.put(path, ...handlers);
      break;
    case 'patch':
      server.patch(path, ...handlers);
      break;
    case 'delete':
      server.del(path, ...handlers);
      break;
  }
}
