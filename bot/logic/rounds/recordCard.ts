import type { LogicDeps, Who } from '../types';

/** Tells the service where a round's card was posted, so any bot instance can update it later. */
export async function recordRoundCard(
  deps: LogicDeps,
  who: Who,
  roundId: string,
  where: { conversationId: string; activityId: string },
): Promise<void> {
  await deps.stoaFor(who).call('setRoundCard', { params: { roundId }, body: where });
}
