import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import type { ConversationRef } from '../../shared/contract/classes';
import { BOT_STANDING_PATH, StandingRequestSchema, type TeamsStanding } from '../../shared/contract/teams';
import { checkReference, UnusableReferenceError } from '../teams/proactive';
import type { StandingReader } from '../teams/standing';
import { sendError } from './errors';
import { serviceAuth } from './serviceAuth';

export interface StandingRouteDeps {
  secret: string;
  log: Logger;
  adapter: CloudAdapter;
  appId: string;
  standings: StandingReader;
  /** With Bot Framework auth the bot's token goes to the service URL: only over https. */
  requireHttps: boolean;
}

/**
 * `POST BOT_STANDING_PATH`: the service asks what Teams says about a person in a conversation (a member
 * opening the tab with SSO, a facilitator configuring it). The bot asks the connector in that
 * conversation, as it does on its own turns, and answers the facts; the service decides the role.
 */
export function standingRoute(server: Server, d: StandingRouteDeps): void {
  const authorized = serviceAuth(d.secret, d.log);
  server.post(BOT_STANDING_PATH, async (req: Request, res: Response) => {
    if (!(await authorized(req, res))) return;
    const parsed = StandingRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 400, 'validation_failed', 'The body is not a standing request.');
      return;
    }
    const q = parsed.data;
    const ref: ConversationRef = {
      kind: q.kind,
      conversationId: q.conversationId,
      ...(q.teamId ? { teamId: q.teamId } : {}),
      ...(q.meetingId ? { meetingId: q.meetingId } : {}),
    };
    let reference;
    try {
      reference = checkReference(
        {
          serviceUrl: q.serviceUrl,
          channelId: 'msteams',
          conversation: { id: q.teamId ?? q.conversationId, tenantId: q.tenantId },
        },
        d.requireHttps,
      );
    } catch (err) {
      if (!(err instanceof UnusableReferenceError)) throw err;
      sendError(res, 400, 'bad_request', 'That service URL cannot be used.');
      return;
    }
    let standing: TeamsStanding | null = null;
    let failure: unknown = null;
    await d.adapter.continueConversationAsync(d.appId, reference, async (context) => {
      try {
        standing = await d.standings.read(context, { tenantId: q.tenantId, userId: q.userId, ref });
      } catch (err) {
        failure = err;
      }
    });
    if (!standing) {
      d.log.warn({ err: failure, conversationId: q.conversationId }, 'standing could not be read');
      sendError(res, 503, 'service_unavailable', 'Teams could not be asked right now.');
      return;
    }
    res.json(standing);
  });
}
