import { ensureClass } from './classes';
import { welcomeReplies } from './onMessage';
import type { Reply, Turn } from './types';

/**
 * The bot was added to a conversation. Teams sends both a conversationUpdate and an installationUpdate
 * for one install; only the turn that creates the class welcomes, so the welcome goes out once.
 */
export async function onInstall(turn: Turn): Promise<Reply[]> {
  const standing = turn.standing;
  // The person adding the app owns the class (and, in a team, the classes of all its channels).
  const { cls, created } = await ensureClass(
    turn.deps,
    turn.who,
    turn.conversation,
    standing && (() => standing({ installer: true })),
  );
  await turn.deps.rememberConversation(turn.who, cls.id, turn.reference);
  return welcomeReplies(created, cls.name);
}
