import { StoaApiError } from '../../../shared/client/errors';
import type { BotNotification } from '../../../shared/contract/botNotify';
import { isFinalPhase } from '../../../shared/contract/rounds/phases';
import type { RoundView } from '../../../shared/contract/rounds/viewSchemas';
import { roundTitle } from '../../cards/round/roundCard';
import { phaseMessage } from '../rounds/roundMessages';
import { sharedCard } from '../rounds/updateCard';
import type { ConversationPort, LogicDeps, Reply, Who } from '../types';

/** Work to do inside the class's conversation (the glue continues the conversation, then runs it). */
export interface ProactiveJob {
  /** The stored conversation reference, pointed at the conversation that holds the round's card. */
  reference: Record<string, unknown>;
  /** Messages answer the round's card (in a channel: in its thread), not a message of their own. */
  replyToId: string | null;
  run(port: ConversationPort): Promise<Reply[]>;
}

export type NotifyPlan = { job: ProactiveJob } | { skipped: string };

/** How the bot appears to the service when it reads a round back for its creator. */
const NOTIFY_NAME = 'Stoa';

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof StoaApiError && err.id === 'not_found') return null;
    throw err;
  }
}

/**
 * People whose own view matters most after this change, for large conversations where Teams refreshes
 * only 60: those with a discussion partner, or with questions to answer. Read from the facilitator's view.
 */
export function priorityOf(view: RoundView): string[] {
  if (view.kind === 'peer_instruction' && view.phase === 'discussion')
    return (view.groups ?? []).flatMap((g) => g.members.map((m) => m.userId));
  if (view.kind === 'question_round' && view.phase === 'answering')
    return view.questions.flatMap((q) => (q.assignedTo ?? []).map((p) => p.userId));
  return [];
}

/**
 * A service notification as work in the conversation: read the round as its creator (a facilitator: the
 * shared card is cut down from that view), find its card and the class's conversation, then update the
 * card and, for a phase change that needs one, send the phase's single chat message. A round whose card
 * was never posted (started in the tab) gets its card posted now.
 */
export async function planNotification(deps: LogicDeps, n: BotNotification): Promise<NotifyPlan> {
  const who: Who = { tenantId: n.tenantId, userId: n.createdBy, name: NOTIFY_NAME };
  const client = deps.stoaFor(who);
  const [view, cardRef, stored] = await Promise.all([
    orNull(client.call('getRound', { params: { roundId: n.roundId } })),
    orNull(client.call('getRoundCard', { params: { roundId: n.roundId } })),
    orNull(client.call('getConversationReference', { params: { classId: n.classId } })),
  ]);
  if (!view) return { skipped: 'the round is not visible to its creator' };
  if (!stored) return { skipped: 'the class has no stored conversation reference' };
  const phaseChange = n.type === 'round_changed' && n.change === 'phase';
  if (!cardRef && !(phaseChange && !isFinalPhase(view.phase))) return { skipped: 'the round has no card' };

  const base = stored.reference;
  const conversation = { ...((base.conversation as Record<string, unknown> | undefined) ?? {}) };
  if (cardRef) conversation.id = cardRef.conversationId;
  const reference = { ...base, conversation };
  return {
    job: {
      reference,
      replyToId: cardRef?.activityId ?? null,
      async run(port) {
        const { card, plan } = await sharedCard({ deps, who, mri: null, port }, view, {
          firstUserIds: [n.createdBy],
          // Private news first: a late joiner's new group must not fall behind the 60-person cap.
          priority: [...(n.type === 'private_message' ? n.userIds : []), ...priorityOf(view)],
        });
        const replies: Reply[] = cardRef
          ? [
              {
                type: 'updateCard',
                activityId: cardRef.activityId,
                conversationId: cardRef.conversationId,
                card,
              },
            ]
          : [
              {
                type: 'roundCard',
                roundId: view.roundId,
                card,
                summary: `${roundTitle(view)} started`,
                recordAs: who,
              },
            ];
        const message = phaseChange && cardRef ? phaseMessage(view.kind, view.phase, plan.showMyView) : null;
        if (message) replies.push({ type: 'text', text: message });
        return replies;
      },
    },
  };
}
