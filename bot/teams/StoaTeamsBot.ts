import { TeamsActivityHandler, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { MESSAGES } from '../logic/messages';
import { onInstall } from '../logic/onInstall';
import { onMessage } from '../logic/onMessage';
import type { LogicDeps } from '../logic/types';
import { conversationFrom, whoFrom } from './inputs';
import { textWithoutMention } from './mention';
import { sendReplies } from './replies';

/**
 * The Teams glue: turns activities into plain inputs for `bot/logic`, and its replies into activities.
 * Nothing here decides anything; that keeps a move to the Microsoft 365 Agents SDK a rewrite of this folder only.
 */
export class StoaTeamsBot extends TeamsActivityHandler {
  constructor(
    private readonly deps: LogicDeps,
    private readonly log: Logger,
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
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.handleInstall(context);
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const who = whoFrom(activity);
    const conversation = conversationFrom(activity, who);
    if (!conversation) {
      await sendReplies(context, [{ type: 'text', text: MESSAGES.unsupportedConversation }]);
      return;
    }
    const replies = await onMessage(this.deps, { who, conversation, text: textWithoutMention(activity) });
    await sendReplies(context, replies);
  }

  private async handleInstall(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const who = whoFrom(activity);
    const conversation = conversationFrom(activity, who);
    if (!who || !conversation) {
      // Nobody to act for: the class is made on the first message instead, which names its sender.
      this.log.warn(
        { conversationId: activity.conversation?.id, activityType: activity.type },
        'install without a Teams user or conversation; class not ensured',
      );
      return;
    }
    await sendReplies(context, await onInstall(this.deps, { who, conversation }));
  }
}
