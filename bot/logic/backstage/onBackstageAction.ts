import { backstageCard } from '../../cards/backstageCard';
import { messageCard } from '../../cards/messageCard';
import type { CardAction } from '../actions/actionData';
import { asMember } from '../actions/membership';
import { isRefusal } from '../rounds/roundMessages';
import type { InvokeResult, Turn } from '../types';
import { readBackstagePage, refreshFor, sessionTitle } from './backstageCommands';
import { BACKSTAGE_MESSAGES, describeBackstageFailure } from './backstageMessages';

export type BackstageAction = Extract<CardAction, { verb: 'backstagePage' | 'backstageVote' }>;

/**
 * A button on the questions card: a page (also the card's refresh) or a vote. Either way the invoker gets
 * their own view of the page they were on, with a one-line notice when a vote was refused.
 */
export async function onBackstageAction(turn: Turn, action: BackstageAction): Promise<InvokeResult> {
  const client = turn.deps.stoaFor(turn.who);
  const { sessionId, offset } = action.data;
  let notice: string | undefined;
  if (action.verb === 'backstageVote') {
    try {
      await asMember(turn, () =>
        client.call('voteBackstage', {
          params: { sessionId, questionId: action.data.questionId },
          body: { value: action.data.value },
        }),
      );
      notice = action.data.value === 1 ? BACKSTAGE_MESSAGES.voted : undefined;
    } catch (err) {
      if (!isRefusal(err)) throw err;
      notice = describeBackstageFailure(err);
    }
  }
  try {
    const [page, title] = await Promise.all([
      asMember(turn, () => readBackstagePage(client, sessionId, offset)),
      sessionTitle(client, sessionId),
    ]);
    // A page past the end (questions hidden since the card was drawn) falls back to the first.
    const shown =
      page.items.length === 0 && offset > 0 ? await readBackstagePage(client, sessionId, 0) : page;
    const card = backstageCard(shown, {
      sessionId,
      sessionTitle: title,
      refreshUserIds: refreshFor(turn),
      audience: 'personal',
      ...(notice ? { notice } : {}),
    });
    return { answer: { kind: 'card', card }, replies: [] };
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return { answer: { kind: 'card', card: messageCard(describeBackstageFailure(err)) }, replies: [] };
  }
}
