import { errors as joseErrors, jwtVerify } from 'jose';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { StoaNetworkError } from '../../shared/client/errors';
import {
  BOT_NOTIFY_PATH,
  BotNotificationSchema,
  SERVICE_TOKEN_AUDIENCE,
  SERVICE_TOKEN_ISSUER,
  type BotNotification,
} from '../../shared/contract/botNotify';
import { sendError } from './errors';

export interface NotifyRouteDeps {
  /** The secret shared with the service (BOT_SERVICE_SECRET). */
  secret: string;
  log: Logger;
  handle: (n: BotNotification) => Promise<'done' | 'queued' | 'skipped'>;
}

/** Tokens from the service are short-lived; a minute of clock skew between the two hosts is tolerated. */
const CLOCK_TOLERANCE_S = 60;

/**
 * `POST BOT_NOTIFY_PATH`: the service tells the bot that a round changed. Only the service may call it:
 * an HS256 token signed with the shared secret, for this audience, from that issuer, not expired.
 */
export function notifyRoute(server: Server, { secret, log, handle }: NotifyRouteDeps): void {
  const key = new TextEncoder().encode(secret);
  server.post(BOT_NOTIFY_PATH, async (req: Request, res: Response) => {
    const header = req.header('authorization', '');
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) {
      sendError(res, 401, 'unauthenticated', 'This endpoint needs the service token.');
      return;
    }
    try {
      await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer: SERVICE_TOKEN_ISSUER,
        audience: SERVICE_TOKEN_AUDIENCE,
        requiredClaims: ['exp', 'iat'],
        clockTolerance: CLOCK_TOLERANCE_S,
      });
    } catch (err) {
      if (!(err instanceof joseErrors.JOSEError)) throw err;
      log.warn({ code: err.code }, 'notification with a bad token refused');
      sendError(res, 401, 'invalid_token', 'The service token is not valid.');
      return;
    }
    const parsed = BotNotificationSchema.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 400, 'validation_failed', 'The body is not a Stoa notification.');
      return;
    }
    try {
      const outcome = await handle(parsed.data);
      res.status(outcome === 'queued' ? 202 : 200);
      res.json({ ok: true, outcome });
    } catch (err) {
      log.error({ err, roundId: parsed.data.roundId, type: parsed.data.type }, 'notification failed');
      if (err instanceof StoaNetworkError)
        sendError(res, 503, 'service_unavailable', 'The service could not be reached.');
      else sendError(res, 500, 'internal_error', 'Something went wrong on our side. It has been logged.');
    }
  });
}
