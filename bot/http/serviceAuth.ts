import { errors as joseErrors, jwtVerify } from 'jose';
import type { Logger } from 'pino';
import type { Request, Response } from 'restify';
import { SERVICE_TOKEN_AUDIENCE, SERVICE_TOKEN_ISSUER } from '../../shared/contract/botNotify';
import { sendError } from './errors';

/** Tokens from the service are short-lived; a minute of clock skew between the two hosts is tolerated. */
const CLOCK_TOLERANCE_S = 60;

/**
 * Checks that a request comes from the Stoa service: an HS256 token signed with the shared secret, for
 * this audience, from that issuer, not expired. Answers 401 itself and returns false otherwise.
 */
export function serviceAuth(secret: string, log: Logger) {
  const key = new TextEncoder().encode(secret);
  return async (req: Request, res: Response): Promise<boolean> => {
    const header = req.header('authorization', '');
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) {
      sendError(res, 401, 'unauthenticated', 'This endpoint needs the service token.');
      return false;
    }
    try {
      await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer: SERVICE_TOKEN_ISSUER,
        audience: SERVICE_TOKEN_AUDIENCE,
        requiredClaims: ['exp', 'iat'],
        clockTolerance: CLOCK_TOLERANCE_S,
      });
      return true;
    } catch (err) {
      if (!(err instanceof joseErrors.JOSEError)) throw err;
      log.warn({ code: err.code, path: req.path() }, 'service call with a bad token refused');
      sendError(res, 401, 'invalid_token', 'The service token is not valid.');
      return false;
    }
  };
}
