import { TeamsActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { ErrorBody } from '../../shared/contract/errors';
import { StoaApiError, StoaNetworkError } from '../../shared/client/errors';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../cards/adaptive';
import { onCardAction } from '../logic/actions/onCardAction';
import { MESSAGES } from '../logic/messages';
import { onMeetingEnd, onMeetingStart } from '../logic/meetings';
import { onInstall } from '../logic/onInstall';
import { onMessage } from '../logic/onMessage';
import { ROUND_MESSAGES } from '../logic/rounds/roundMessages';
import type { InvokeAnswer, LogicDeps, Reply, Turn } from '../logic/types';
import { conversationFrom, UNNAMED, whoFrom } from './inputs';
import type { StandingReader } from './standing';
import type { TeamsStanding } from '../../shared/contract/teams';
import { ensureClass } from '../logic/classes';
import { isRefusal } from '../logic/rounds/roundMessages';
import { textWithoutMention } from './mention';
import { conversationPort } from './port';
import { mriFrom, referenceFrom } from './reference';
import { sendReplies, type RecordCard } from './replies';

/** People of one participant event whose role is synced at once; a bigger event waits for their next action. */
const PARTICIPANT_SYNC_MAX = 50;

/** The invoke response Teams expects for a Universal Action: a card, or an error object. */
export function invokeResponse(answer: InvokeAnswer): InvokeResponse {
  if (answer.kind === 'card')
    return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: answer.card } };
  return {
    status: answer.status,
    body: {
      statusCode: answer.status,
      type: 'application/vnd.microsoft.error',
      value: { code: answer.code, message: answer.message },
    },
  };
}

/**
 * The Teams glue: turns activities into plain inputs for `bot/logic`, and its replies into activities.
 * Nothing here decides anything; that keeps a move to the Microsoft 365 Agents SDK a rewrite of this folder only.
 */
export class StoaTeamsBot extends TeamsActivityHandler {
  constructor(
    private readonly deps: LogicDeps,
    private readonly log: Logger,
    private readonly record: RecordCard,
    private readonly standings: StandingReader,
  ) {
    super();
    // Handlers are registered through the `...Event` / `on...` registration methods: overriding
    // `onTeamsMembersAdded` would replace botbuilder's dispatcher instead.
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onTeamsMembersAddedEvent(async (membersAdded, _team, context, next) => {
      const recipientId = context.activity.recipient?.id;
      if (membersAdded.some((m) => m.id === recipientId)) await this.handleInstall(context);
      else this.forget(context, membersAdded);
      await next();
    });
    this.onTeamsMembersRemovedEvent(async (membersRemoved, _team, context, next) => {
      this.forget(context, membersRemoved);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.handleInstall(context);
      await next();
    });
  }

  /**
   * Meeting start and end (`application/vnd.microsoft.meeting*`, with the `OnlineMeeting.ReadBasic.Chat`
   * consent). Overridden rather than registered: botbuilder's own parsing throws on a value it does not
   * expect, and a malformed event must change nothing and cost nothing.
   */
  protected override async onTeamsMeetingStart(context: TurnContext): Promise<void> {
    const value = context.activity.value as { Title?: unknown } | null | undefined;
    const title = typeof value?.Title === 'string' ? value.Title : null;
    await this.handleMeeting(context, (turn) => onMeetingStart(turn, { title }));
  }

  protected override async onTeamsMeetingEnd(context: TurnContext): Promise<void> {
    await this.handleMeeting(context, onMeetingEnd);
  }

  /**
   * Teams reports people joining or leaving a meeting, with their meeting role: what was cached about them
   * is forgotten and their role in the class is brought up to date now (a presenter made attendee stops
   * facilitating), not on their next action.
   */
  protected override async onTeamsMeetingParticipantsJoin(context: TurnContext): Promise<void> {
    const value = context.activity.value as { members?: unknown } | null | undefined;
    const members = Array.isArray(value?.members) ? (value.members as Array<{ user?: unknown }>) : [];
    const users = members
      .map((m) => m.user as { aadObjectId?: unknown; name?: unknown } | undefined)
      .filter((u): u is { aadObjectId: string; name?: unknown } => typeof u?.aadObjectId === 'string')
      .slice(0, PARTICIPANT_SYNC_MAX);
    const { who, conversation } = this.turnParts(context);
    if (!conversation || !who) return;
    this.standings.forget(
      conversation.ref.conversationId,
      users.map((u) => u.aadObjectId),
    );
    await Promise.all(
      users.map(async (u) => {
        const person = {
          ...who,
          userId: u.aadObjectId,
          name: typeof u.name === 'string' && u.name ? u.name : UNNAMED,
        };
        try {
          await ensureClass(this.deps, person, conversation, () =>
            this.standings.read(context, {
              tenantId: person.tenantId,
              userId: person.userId,
              ref: conversation.ref,
            }),
          );
        } catch (err) {
          if (!isRefusal(err)) this.log.warn({ err }, 'meeting participant role not synced');
        }
      }),
    );
  }

  private forget(context: TurnContext, accounts: Array<{ aadObjectId?: string }>): void {
    const conversation = conversationFrom(context.activity, null);
    if (!conversation) return;
    const ids = accounts.map((a) => a.aadObjectId).filter((id): id is string => typeof id === 'string');
    this.standings.forget(conversation.ref.conversationId, ids);
  }

  private async handleMeeting(context: TurnContext, handle: (turn: Turn) => Promise<Reply[]>): Promise<void> {
    const { who, conversation, ...parts } = this.turnParts(context);
    if (!who || !conversation) {
      this.log.warn(
        { conversationId: context.activity.conversation?.id, name: context.activity.name },
        'meeting event without a Teams user or conversation; ignored',
      );
      return;
    }
    // Teams names the user of a meeting event without a display name: ask the roster rather than
    // renaming them "Teams user" in the service.
    const named = who.name === UNNAMED ? await parts.port.member(who.userId) : null;
    const turn: Turn = { ...parts, who: named ? { ...who, name: named.name } : who, conversation };
    await sendReplies(context, await handle(turn), this.record);
  }

  /**
   * Universal Actions are answered here; every other invoke keeps botbuilder's handling, except that an
   * invoke Stoa does not handle is a client error (400 with an error id), not botbuilder's bare 501.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') return this.handleCardAction(context);
    const response = await super.onInvokeActivity(context);
    if (response.status !== 501) return response;
    const body: ErrorBody = {
      error: { id: 'bad_request', message: 'This bot does not handle that kind of invoke.' },
    };
    return { status: 400, body };
  }

  private turnParts(context: TurnContext) {
    const activity = context.activity;
    const from = whoFrom(activity);
    const conversation = conversationFrom(activity, from);
    const who = from && conversation ? { ...from, conversationId: conversation.ref.conversationId } : from;
    const serviceUrl = typeof activity.serviceUrl === 'string' ? activity.serviceUrl : undefined;
    const standing =
      who && conversation
        ? (opts?: { installer?: boolean }): Promise<TeamsStanding> =>
            // The person adding the app is in the conversation: no lookup needed to say so.
            opts?.installer
              ? Promise.resolve({
                  member: true,
                  userType: 'user',
                  installer: true,
                  ...(serviceUrl && URL.canParse(serviceUrl) ? { serviceUrl } : {}),
                })
              : this.standings.read(context, {
                  tenantId: who.tenantId,
                  userId: who.userId,
                  ref: conversation.ref,
                })
        : undefined;
    return {
      who,
      conversation,
      ...(standing ? { standing } : {}),
      mri: mriFrom(activity),
      port: conversationPort(context, this.log),
      reference: referenceFrom(activity),
      deps: this.deps,
      ...(typeof activity.locale === 'string' && activity.locale ? { locale: activity.locale } : {}),
    };
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { conversation, ...parts } = this.turnParts(context);
    if (!conversation) {
      await sendReplies(context, [{ type: 'text', text: MESSAGES.unsupportedConversation }]);
      return;
    }
    const replies = await onMessage({ ...parts, conversation, text: textWithoutMention(context.activity) });
    await sendReplies(context, replies, this.record);
  }

  private async handleInstall(context: TurnContext): Promise<void> {
    const { who, conversation, ...parts } = this.turnParts(context);
    if (!who || !conversation) {
      // Nobody to act for: the class is made on the first message instead, which names its sender.
      this.log.warn(
        { conversationId: context.activity.conversation?.id, activityType: context.activity.type },
        'install without a Teams user or conversation; class not ensured',
      );
      return;
    }
    await sendReplies(context, await onInstall({ ...parts, who, conversation }), this.record);
  }

  private async handleCardAction(context: TurnContext): Promise<InvokeResponse> {
    const activity = context.activity;
    const { conversation, ...parts } = this.turnParts(context);
    if (!conversation)
      return invokeResponse({
        kind: 'error',
        status: 400,
        code: 'BadRequest',
        message: MESSAGES.unsupportedConversation,
      });
    const action = (activity.value as { action?: { type?: unknown; verb?: unknown; data?: unknown } } | null)
      ?.action;
    if (!action || action.type !== 'Action.Execute')
      return invokeResponse({
        kind: 'error',
        status: 400,
        code: 'BadRequest',
        message: ROUND_MESSAGES.badCard,
      });
    const cardActivityId = typeof activity.replyToId === 'string' ? activity.replyToId : null;
    // Messages sent during a card action belong under the card, not under the invisible invoke.
    context.onSendActivities(async (_ctx, activities, next) => {
      for (const a of activities) if (a.type === 'message') a.replyToId = cardActivityId ?? undefined;
      return next();
    });
    try {
      const result = await onCardAction({
        ...parts,
        conversation,
        verb: action.verb,
        data: action.data,
        cardActivityId,
        activityId: typeof activity.id === 'string' ? activity.id : null,
      });
      try {
        await sendReplies(context, result.replies, this.record);
      } catch (err) {
        // The invoker still gets their card; the shared card catches up on the next change.
        this.log.warn({ err, conversationId: activity.conversation?.id }, 'card action side effects failed');
      }
      return invokeResponse(typeof result.answer === 'function' ? result.answer() : result.answer);
    } catch (err) {
      this.log.error(
        { err, conversationId: activity.conversation?.id, verb: action.verb, activityId: activity.id },
        'card action failed',
      );
      return invokeResponse(
        err instanceof StoaNetworkError
          ? { kind: 'error', status: 503, code: 'ServiceUnavailable', message: MESSAGES.serviceUnreachable }
          : // The service refused what the card carried (ids Teams never sends): the card is bad, not the bot.
            err instanceof StoaApiError && err.status < 500
            ? { kind: 'error', status: 400, code: 'BadRequest', message: ROUND_MESSAGES.badCard }
            : { kind: 'error', status: 500, code: 'InternalError', message: MESSAGES.somethingWentWrong },
      );
    }
  }
}
