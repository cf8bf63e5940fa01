import { StoaApiError } from '../../../shared/client/errors';
import type { RoundView } from '../../../shared/contract/rounds/viewSchemas';
import { roundCard } from '../../cards/round/roundCard';
import type { ConversationPort, LogicDeps, Reply, Who } from '../types';
import { refreshFor, type RefreshPlan } from './refreshPlan';

/** What updating the shared card of a round needs: the service (as `who`) and the conversation. */
export interface CardUpdateInput {
  deps: LogicDeps;
  who: Who;
  mri?: string | null;
  port: ConversationPort;
}

/** The shared card of a round, with the refresh planned for this conversation. */
export async function sharedCard(
  input: CardUpdateInput,
  view: RoundView,
  opts: { priority?: string[]; firstUserIds?: string[] } = {},
): Promise<{ card: ReturnType<typeof roundCard>; plan: RefreshPlan }> {
  const plan = await refreshFor(input.port, {
    firstMris: input.mri ? [input.mri] : [],
    firstUserIds: opts.firstUserIds ?? [],
    priority: opts.priority ?? [],
  });
  return {
    card: roundCard(view, { audience: 'shared', refreshUserIds: plan.userIds, showMyView: plan.showMyView }),
    plan,
  };
}

/**
 * Replaces a round's one card with its current state, where the service says the card is. A round whose
 * card was never recorded (started elsewhere) has nothing to update.
 */
export async function updateRoundCard(
  input: CardUpdateInput,
  view: RoundView,
  opts: { priority?: string[]; firstUserIds?: string[] } = {},
): Promise<Reply[]> {
  let ref;
  try {
    ref = await input.deps.stoaFor(input.who).call('getRoundCard', { params: { roundId: view.roundId } });
  } catch (err) {
    if (err instanceof StoaApiError && err.id === 'not_found') return [];
    throw err;
  }
  const { card } = await sharedCard(input, view, opts);
  return [{ type: 'updateCard', activityId: ref.activityId, conversationId: ref.conversationId, card }];
}
