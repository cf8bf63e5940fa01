import { TurnContext, type Activity } from 'botbuilder';

/**
 * The message text without the bot's own mention. botbuilder's helper throws on entities without a
 * type or mentions without `mentioned`; such activities keep their text, and the command parser strips
 * any remaining `<at>` tags anyway.
 */
export function textWithoutMention(activity: Activity): string {
  if (typeof activity.text !== 'string') return '';
  try {
    return TurnContext.removeRecipientMention(activity) ?? '';
  } catch {
    return activity.text;
  }
}
