import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { ActivityRefusedError, type StoaAdapter } from '../teams/adapter';
import { inTurnSpan } from '../telemetry';
import { sendError } from './errors';

/**
 * The least an activity needs before botbuilder sees it: without a type, a service URL, a conversation
 * and a recipient there is nothing to run and nowhere to reply, and botbuilder would throw deep inside.
 */
const InboundActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  channelId: z.string().min(1).max(64),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  recipient: z.looseObject({ id: z.string().min(1).max(1024) }),
});

export interface MessagesRouteDeps {
  adapter: StoaAdapter;
  bot: { run(context: TurnContext): Promise<void> };
  log: Logger;
}

/** `POST /api/messages`: validate, authenticate, run the turn, answer with the invoke response if any. */
export function messagesRoute(server: Server, { adapter, bot, log }: MessagesRouteDeps): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    const parsed = InboundActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 400, 'bad_request', 'The body is not a Bot Framework activity.');
      return;
    }
    const activity = req.body as Activity;
    const authHeader = req.header('authorization', '');
    try {
      const invoke = await inTurnSpan(activity, req.headers, () =>
        adapter.runActivity(authHeader, activity, (context) => bot.run(context)),
      );
      res.status(invoke?.status ?? 200);
      if (invoke?.body !== undefined) res.json(invoke.body);
      else res.end();
    } catch (err) {
      if (err instanceof ActivityRefusedError) {
        log.warn({ err: err.cause, activityType: activity.type, status: err.status }, 'activity refused');
        if (err.status === 503) {
          // The signing keys could not be loaded: the caller may retry, nothing was run.
          sendError(res, 503, 'service_unavailable', 'The request could not be verified right now.');
        } else if (authHeader) {
          sendError(res, 401, 'invalid_token', 'The Bot Framework token is not valid.');
        } else {
          sendError(res, 401, 'unauthenticated', 'This endpoint needs a Bot Framework token.');
        }
        return;
      }
      // Turn errors are answered in onTurnError; what lands here failed outside a turn.
      log.error(
        { err, conversationId: activity.conversation?.id, activityType: activity.type },
        'activity failed',
      );
      sendError(res, 500, 'internal_error', 'Something went wrong on our side. It has been logged.');
    }
  });
}
