import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { StoaNetworkError } from '../../shared/client/errors';
import {
  BOT_NOTIFY_PATH,
  BotNotificationSchema,
  type BotNotification,
} from '../../shared/contract/botNotify';
import { sendError } from './errors';
import { serviceAuth } from './serviceAuth';

export interface NotifyRouteDeps {
  /** The secret shared with the service (BOT_SERVICE_SECRET). */
  secret: string;
  log: Logger;
  handle: (n: BotNotification) => Promise<'done' | 'queued' | 'skipped'>;
}

/**
 * `POST BOT_NOTIFY_PATH`: the service tells the bot that a round changed. Only the service may call it:
 * an HS256 token signed with the shared secret, for this audience, from that issuer, not expired.
 */
export function notifyRoute(server: Server, { secret, log, handle }: NotifyRouteDeps): void {
  const authorized = serviceAuth(secret, log);
  server.post(BOT_NOTIFY_PATH, async (req: Request, res: Response) => {
    if (!(await authorized(req, res))) return;
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
