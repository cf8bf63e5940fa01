import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { AdaptiveCard } from '../cards/adaptive';
import type { Reply, Who } from '../logic/types';

/** Called after a round's card is posted or put in place, with where it now is. */
export type RecordCard = (
  who: Who,
  roundId: string,
  where: { conversationId: string; activityId: string },
) => Promise<void>;

function cardActivity(card: AdaptiveCard, summary?: string): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  // Teams shows the summary in notifications and the chat list, where a card has no text of its own.
  if (summary) activity.summary = summary;
  return activity;
}

/** One text or card reply as a Bot Framework activity. */
export function toActivity(reply: Extract<Reply, { type: 'text' | 'card' }>): Partial<Activity> {
  if (reply.type === 'text') {
    const activity = MessageFactory.text(reply.text);
    activity.textFormat = 'markdown';
    return activity;
  }
  return cardActivity(reply.card, reply.summary);
}

async function updateCard(
  context: TurnContext,
  reply: Extract<Reply, { type: 'updateCard' }>,
): Promise<void> {
  const activity = { ...cardActivity(reply.card), id: reply.activityId };
  const here = context.activity.conversation?.id;
  if (!reply.conversationId || reply.conversationId === here) {
    await context.updateActivity(activity);
    return;
  }
  // The card lives in another thread of the conversation: address it there directly.
  const connector = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
  await connector.conversations.updateActivity(reply.conversationId, reply.activityId, {
    ...activity,
    type: 'message',
    conversation: { ...context.activity.conversation, id: reply.conversationId },
  });
}

/** Sends the replies in order: messages as replies to the turn, card updates in place, new round cards recorded. */
export async function sendReplies(
  context: TurnContext,
  replies: Reply[],
  record?: RecordCard,
): Promise<void> {
  for (const reply of replies) {
    switch (reply.type) {
      case 'text':
      case 'card':
        await context.sendActivity(toActivity(reply));
        break;
      case 'roundCard': {
        const sent = await context.sendActivity(cardActivity(reply.card, reply.summary));
        const conversationId = context.activity.conversation?.id;
        if (!sent?.id || !conversationId) break;
        const where = { conversationId, activityId: sent.id };
        if (record) await record(reply.recordAs, reply.roundId, where);
        if (reply.then) await sendReplies(context, await reply.then(where), record);
        break;
      }
      case 'updateCard': {
        await updateCard(context, reply);
        const conversationId = reply.conversationId ?? context.activity.conversation?.id;
        if (!reply.recordRound || !conversationId) break;
        const where = { conversationId, activityId: reply.activityId };
        if (record) await record(reply.recordRound.recordAs, reply.recordRound.roundId, where);
        if (reply.recordRound.then) await sendReplies(context, await reply.recordRound.then(where), record);
        break;
      }
    }
  }
}
