import type { Class } from '../../shared/contract/classes';
import type { ConversationInput, LogicDeps, Who } from './types';

/**
 * Finds or creates the class of the conversation through the service, acting for `who`. The bot keeps no
 * state, so it asks every time; the service makes this idempotent and joins `who` as a student.
 */
export async function ensureClass(
  deps: LogicDeps,
  who: Who,
  conversation: ConversationInput,
): Promise<{ cls: Class; created: boolean }> {
  const result = await deps.stoaFor(who).call('ensureClass', {
    body: { name: conversation.suggestedName, conversation: conversation.ref },
  });
  return { cls: result.class, created: result.created };
}
