import { canFacilitate } from '../../../shared/contract/classes';
import { composeForm } from '../../cards/composeCard';
import { messageCard } from '../../cards/messageCard';
import { ensureClass } from '../classes';
import { describeFailure, isRefusal, ROUND_MESSAGES } from '../rounds/roundMessages';
import { liveSession, unstartedRounds } from '../rounds/session';
import { startRoundFromChat } from '../rounds/startRound';
import type { InvokeResult, Turn } from '../types';
import type { CardAction } from './actionData';
import { readComposeForm } from './composeForm';

const NOT_IN = new Set(['class_not_set_up', 'guests_not_allowed', 'not_a_member']);

type ComposeAction = Extract<CardAction, { verb: 'composeView' | 'composePi' | 'composeSaved' }>;

/**
 * The compose card: `composeView` shows the form to a facilitator (students get a polite no), `composePi`
 * starts the question and turns the compose card itself into the round's one card.
 */
export async function onCompose(
  turn: Turn,
  action: ComposeAction,
  cardActivityId: string | null,
): Promise<InvokeResult> {
  const answer = (card: ReturnType<typeof messageCard>): InvokeResult => ({
    answer: { kind: 'card', card },
    replies: [],
  });
  let ensured: Awaited<ReturnType<typeof ensureClass>>;
  try {
    ensured = await ensureClass(turn.deps, turn.who, turn.conversation, turn.standing);
  } catch (err) {
    // Nothing set up here, or someone Teams does not let in: the card says so politely.
    if (isRefusal(err) && NOT_IN.has(err.id)) return answer(messageCard(describeFailure(err)));
    throw err;
  }
  const { cls } = ensured;
  await turn.deps.rememberConversation(turn.who, cls.id, turn.reference);
  if (cls.id !== action.data.classId) return answer(messageCard(ROUND_MESSAGES.badCard));
  if (!canFacilitate(cls.myRole))
    return answer(messageCard('The next round appears on this card when it starts.'));
  const client = turn.deps.stoaFor(turn.who);
  const form = async (notice?: string, values?: Record<string, string | undefined>) => {
    const session = await liveSession(client, cls.id);
    const saved = session ? await unstartedRounds(client, session.id) : [];
    return answer(
      composeForm({
        classId: cls.id,
        viewerMri: turn.mri,
        saved: saved.flatMap((r) =>
          r.kind === 'peer_instruction' ? [{ roundId: r.roundId, question: r.question }] : [],
        ),
        ...(notice ? { notice } : {}),
        ...(values ? { values } : {}),
      }),
    );
  };
  if (action.verb === 'composeView') return form();

  const read =
    action.verb === 'composeSaved'
      ? { ok: true as const, round: { saved: action.data.roundId } }
      : readComposeForm(action.data);
  if (!read.ok) return form(`${read.message} ${ROUND_MESSAGES.fixForm}`, read.values);
  try {
    const outcome = await startRoundFromChat(
      turn,
      cls,
      read.round,
      cardActivityId ? { replaceActivityId: cardActivityId } : {},
    );
    if (!outcome.ok) return form(outcome.message, readValues(action.data));
    return { answer: () => ({ kind: 'card', card: outcome.personal() }), replies: outcome.replies };
  } catch (err) {
    if (isRefusal(err)) return form(describeFailure(err), readValues(action.data));
    throw err;
  }
}

function readValues(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) if (typeof v === 'string' && k !== 'classId') out[k] = v;
  return out;
}
