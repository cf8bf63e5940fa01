import { ensureClass } from './classes';
import { welcomeReplies } from './onMessage';
import type { ConversationInput, LogicDeps, Reply, Who } from './types';

/**
 * The bot was added to a conversation. Teams sends both a conversationUpdate and an installationUpdate
 * for one install; only the turn that creates the class welcomes, so the welcome goes out once.
 */
export async function onInstall(
  deps: LogicDeps,
  input: { who: Who; conversation: ConversationInput },
): Promise<Reply[]> {
  const { cls, created } = await ensureClass(deps, input.who, input.conversation);
  return welcomeReplies(created, cls.name);
}
