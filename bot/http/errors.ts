import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import type { ErrorBody, ErrorId } from '../../shared/contract/errors';

/** restify's own errors, mapped onto the contract's ids (the same ids the service uses). */
const RESTIFY_ERRORS: Record<string, { id: ErrorId; message: string }> = {
  InvalidContentError: { id: 'invalid_json', message: 'The request body is not valid JSON.' },
  PayloadTooLargeError: { id: 'payload_too_large', message: 'The request body is too large.' },
  RequestEntityTooLargeError: { id: 'payload_too_large', message: 'The request body is too large.' },
  UnsupportedMediaTypeError: {
    id: 'unsupported_media_type',
    message: 'Send the activity as application/json.',
  },
  ResourceNotFoundError: { id: 'route_not_found', message: 'There is no such route.' },
  MethodNotAllowedError: { id: 'method_not_allowed', message: 'That method is not allowed on this route.' },
};

/** Writes the one error body `{ error: { id, message } }`. */
export function sendError(res: Response, status: number, id: ErrorId, message: string): void {
  const body: ErrorBody = { error: { id, message } };
  res.status(status);
  res.json(body);
}

/**
 * Replaces restify's default error response, which would echo `err.message`: known restify errors keep
 * their status with a fixed message, anything else is a logged `internal_error`.
 */
export function installErrorHandler(server: Server, log: Logger): void {
  server.on('restifyError', (req: Request, res: Response, err: unknown, cb: () => void) => {
    const name = err instanceof Error ? err.name : '';
    const statusCode = (err as { statusCode?: unknown } | null)?.statusCode;
    const known = RESTIFY_ERRORS[name];
    if (!res.headersSent) {
      if (known && typeof statusCode === 'number') sendError(res, statusCode, known.id, known.message);
      else if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500)
        sendError(res, statusCode, 'bad_request', 'The request is malformed.');
      else {
        log.error({ err, url: req.url }, 'unhandled error');
        sendError(res, 500, 'internal_error', 'Something went wrong on our side. It has been logged.');
      }
    }
    cb();
  });
}
