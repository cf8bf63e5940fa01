import { operations } from '../../../contract/api';
import type { Principal } from '../../auth/principal';
import { loadMembership } from '../../commands/access';
import type { AppContext } from '../../context';
import { NotFoundError, ServiceError } from '../../errors';
import { bindOperation } from '../../http/route';
import type { Rounds } from '../../rounds';
import { loadRoundAccess } from '../../rounds/roundAccess';

/** Only the bot's own credential (acting for a member) may read or write where it posted things. */
function requireBot(principal: Principal): void {
  if (principal.via !== 'bot')
    throw new ServiceError('forbidden', 'Only the Stoa bot may use this endpoint.');
}

/**
 * What the bot needs to stay stateless: where each round's card was posted, and the conversation reference
 * of each class's conversation for proactive messages.
 */
export function botRefRoutes(app: AppContext, rounds: Rounds): void {
  const { server, routeDeps: deps, storage } = app;

  bindOperation(server, deps, operations.setRoundCard, async ({ principal, params, body }) => {
    const access = await loadRoundAccess(storage, rounds, principal, params.roundId);
    requireBot(principal);
    await rounds.store.setCard(access.meta.id, body.conversationId, body.activityId);
    return body;
  });

  bindOperation(server, deps, operations.getRoundCard, async ({ principal, params }) => {
    const access = await loadRoundAccess(storage, rounds, principal, params.roundId);
    requireBot(principal);
    const row = await rounds.store.findRound(access.meta.id);
    if (!row?.card_conversation_id || !row.card_activity_id) throw new NotFoundError('card');
    return { conversationId: row.card_conversation_id, activityId: row.card_activity_id };
  });

  bindOperation(server, deps, operations.putConversationReference, async ({ principal, params, body }) => {
    const { cls } = await loadMembership(storage, principal, params.classId);
    requireBot(principal);
    await rounds.store.putConversationRef({
      class_id: cls.id,
      tenant_id: cls.tenant_id,
      reference: JSON.stringify(body.reference),
      updated_by: principal.userId,
      updated_at: Date.now(),
    });
    return body;
  });

  bindOperation(server, deps, operations.getConversationReference, async ({ principal, params }) => {
    const { cls } = await loadMembership(storage, principal, params.classId);
    requireBot(principal);
    const row = await rounds.store.findConversationRef(cls.id);
    if (!row) throw new NotFoundError('conversation reference');
    return { reference: JSON.parse(row.reference) as Record<string, unknown> };
  });
}
