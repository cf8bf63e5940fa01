import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { ProactiveJob } from '../logic/notify/onNotify';
import { conversationPort } from './port';
import { sendReplies, type RecordCard } from './replies';

/** Thrown when a stored conversation reference cannot be used (no conversation, an odd service URL). */
export class UnusableReferenceError extends Error {
  constructor(reason: string) {
    super(`unusable conversation reference: ${reason}`);
    this.name = 'UnusableReferenceError';
  }
}

/**
 * Checks a stored reference before the bot sends anything (and, with Bot Framework auth, its token) to the
 * service URL in it: a URL the bot did not get from Teams must not receive it. With auth on only https.
 */
export function checkReference(
  reference: Record<string, unknown>,
  requireHttps: boolean,
): Partial<ConversationReference> {
  const url = typeof reference.serviceUrl === 'string' ? URL.parse(reference.serviceUrl) : null;
  if (!url || !(url.protocol === 'https:' || (!requireHttps && url.protocol === 'http:')))
    throw new UnusableReferenceError('service URL');
  const conversation = reference.conversation as { id?: unknown } | undefined;
  if (typeof conversation?.id !== 'string' || !conversation.id)
    throw new UnusableReferenceError('conversation');
  return reference;
}

/**
 * Runs a job inside the class's conversation. Errors are rethrown to the caller instead of reaching the
 * adapter's turn-error handler, which would post an apology into a chat where nobody asked anything.
 */
export async function runProactive(
  adapter: CloudAdapter,
  opts: { appId: string; log: Logger; record: RecordCard; requireHttps: boolean },
  job: ProactiveJob,
): Promise<void> {
  const reference = checkReference(job.reference, opts.requireHttps);
  let failure: unknown = null;
  await adapter.continueConversationAsync(opts.appId, reference, async (context) => {
    // botbuilder gives the continuation a made-up id and would "reply" to it.
    context.onSendActivities(async (_ctx, activities, next) => {
      for (const a of activities) if (a.type === 'message') a.replyToId = job.replyToId ?? undefined;
      return next();
    });
    try {
      const replies = await job.run(conversationPort(context, opts.log));
      await sendReplies(context, replies, opts.record);
    } catch (err) {
      failure = err;
    }
  });
  if (failure)
    throw failure instanceof Error ? failure : new Error('proactive turn failed', { cause: failure });
}
