import type { Class } from '../../shared/contract/classes';
import type { TeamsStanding } from '../../shared/contract/teams';
import type { ConversationInput, LogicDeps, Who } from './types';

/**
 * Finds or creates the class of the conversation through the service, acting for `who`, with what Teams
 * says about them here. The bot keeps no state, so it asks every time; the service decides the role
 * (nobody owns a class by writing first) and answers `class_not_set_up` when there is nothing to join.
 */
export async function ensureClass(
  deps: LogicDeps,
  who: Who,
  conversation: ConversationInput,
  standing?: () => Promise<TeamsStanding>,
): Promise<{ cls: Class; created: boolean }> {
  const teams = standing ? await standing() : undefined;
  const result = await deps.stoaFor(who).call('ensureClass', {
    body: { name: conversation.suggestedName, conversation: conversation.ref, ...(teams ? { teams } : {}) },
  });
  return { cls: result.class, created: result.created };
}
