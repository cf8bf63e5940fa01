import type { Activity } from 'botbuilder';

const MAX_MRI = 512;

/** The sender's Teams id (MRI, `29:...`), the id `refresh.userIds` names; null when missing or odd. */
export function mriFrom(activity: Partial<Activity>): string | null {
  const id = activity.from?.id;
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_MRI ? id : null;
}

/**
 * The conversation reference to store in the service: what proactive updates need (channel, service URL,
 * bot, conversation), nothing about the sender or the message, so every member's turn stores the same one.
 * A channel thread's `;messageid=` is dropped: the class belongs to the channel.
 */
export function referenceFrom(activity: Partial<Activity>): Record<string, unknown> {
  const c = activity.conversation;
  const conversation: Record<string, unknown> = { id: String(c?.id ?? '').split(';messageid=')[0] };
  if (c?.conversationType) conversation.conversationType = c.conversationType;
  if (c?.tenantId) conversation.tenantId = c.tenantId;
  if (c?.isGroup !== undefined) conversation.isGroup = c.isGroup;
  return {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    conversation,
    bot: activity.recipient ? { id: activity.recipient.id, name: activity.recipient.name } : undefined,
  };
}
