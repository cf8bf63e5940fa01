import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import type { ErrorBody, ErrorId } from '../../contract/errors';
import { ServiceError } from '../errors';

/** restify's own error names, mapped onto our stable ids. */
const RESTIFY_ERRORS: Record<string, ErrorId> = {
  InvalidContentError: 'invalid_json',
  PayloadTooLargeError: 'payload_too_large',
  RequestEntityTooLargeError: 'payload_too_large',
  UnsupportedMediaTypeError: 'unsupported_media_type',
  ResourceNotFoundError: 'route_not_found',
  MethodNotAllowedError: 'method_not_allowed',
  BadRequestError: 'bad_request',
  BadDigestError: 'bad_request',
  InvalidHeaderError: 'bad_request',
  RequestExpiredError: 'bad_request',
};

const MESSAGES: Partial<Record<ErrorId, string>> = {
  invalid_json: 'The request body is not valid JSON.',
  payload_too_large: 'The request body is too large.',
  unsupported_media_type: 'Send the request body as application/json.',
  route_not_found: 'There is no such route.',
  method_not_allowed: 'That method is not allowed on this route.',
  bad_request: 'The request is malformed.',
  internal_error: 'Something went wrong on our side. It has been logged.',
};

/** Turns any error into the one error body; unknown errors never leak their message. */
export function toErrorBody(err: unknown): { status: number; body: ErrorBody; known: boolean } {
  if (err instanceof ServiceError) {
    const error: ErrorBody['error'] = { id: err.id, message: err.message };
    if (err.details !== undefined) error.details = err.details;
    return { status: err.status, body: { error }, known: true };
  }
  const name = err instanceof Error ? err.name : '';
  const statusCode = (err as { statusCode?: unknown } | null)?.statusCode;
  let id: ErrorId | undefined = RESTIFY_ERRORS[name];
  if (!id && typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) id = 'bad_request';
  if (id && typeof statusCode === 'number') {
    return {
      status: statusCode,
      body: { error: { id, message: MESSAGES[id] ?? 'Bad request.' } },
      known: true,
    };
  }
  return {
    status: 500,
    body: { error: { id: 'internal_error', message: MESSAGES.internal_error! } },
    known: false,
  };
}

/** Installs the one error writer for everything restify routes to an error. */
export function installErrorHandler(server: Server, log: Logger): void {
  server.on('restifyError', (req: Request, res: Response, err: unknown, cb: () => void) => {
    const { status, body, known } = toErrorBody(err);
    if (!known) log.error({ err, reqId: req.getId(), url: req.url }, 'unhandled error');
    if (!res.headersSent) {
      res.status(status);
      res.json(body);
    }
    cb();
  });
}
