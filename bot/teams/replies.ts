import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Reply } from '../logic/types';

/** One logic reply as a Bot Framework activity. */
export function toActivity(reply: Reply): Partial<Activity> {
  if (reply.type === 'text') {
    const activity = MessageFactory.text(reply.text);
    activity.textFormat = 'markdown';
    return activity;
  }
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(reply.card));
  // Teams shows the summary in notifications and the chat list, where a card has no text of its own.
  activity.summary = reply.summary;
  return activity;
}

/** Sends the replies in order, as replies to the incoming activity. */
export async function sendReplies(context: TurnContext, replies: Reply[]): Promise<void> {
  if (replies.length === 0) return;
  await context.sendActivities(replies.map(toActivity));
}
