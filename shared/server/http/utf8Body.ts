import restify, { type Request, type RequestHandler, type Response } from 'restify';
import { ServiceError } from '../errors';

type Next = (err?: unknown) => void;

/**
 * Wraps restify's body reader so that a body which is not valid UTF-8 is refused (`invalid_json`, as
 * RFC 8259 requires UTF-8) instead of reaching the handlers with U+FFFD where the client's bytes were.
 * The chunks are checked as they arrive, with a listener attached in the same tick as the reader's own,
 * so no chunk is missed. A gzip body is checked by its JSON parse only.
 */
export function strictUtf8(readBody: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    if (req.headers['content-encoding'] !== undefined) {
      readBody(req, res, next);
      return;
    }
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let valid = true;
    const check = (chunk: Uint8Array, stream: boolean) => {
      if (!valid) return;
      try {
        decoder.decode(chunk, { stream });
      } catch {
        valid = false;
      }
    };
    req.on('data', (chunk: Buffer) => check(chunk, true));
    readBody(req, res, (err?: unknown) => {
      if (err !== undefined && err !== null) return next(err);
      check(new Uint8Array(0), false);
      if (!valid) return next(new ServiceError('invalid_json', 'The request body is not valid UTF-8.'));
      next();
    });
  };
}

/** restify's JSON body parser with the UTF-8 check on its reader. */
export function strictJsonBodyParser(options: restify.plugins.JsonBodyParserOptions): RequestHandler[] {
  const [readBody, ...parse] = restify.plugins.jsonBodyParser(options);
  return [strictUtf8(readBody!), ...parse];
}
