import type { RoundView } from '../../../shared/contract/rounds/viewSchemas';
import type { AdaptiveCard } from '../../cards/adaptive';
import { messageCard } from '../../cards/messageCard';
import { roundCard } from '../../cards/round/roundCard';
import { MESSAGES } from '../messages';
import { describeFailure, isRefusal, refusalMessage, ROUND_MESSAGES } from '../rounds/roundMessages';
import { updateRoundCard } from '../rounds/updateCard';
import type { InvokeResult, Reply, Turn, Who } from '../types';
import { FACILITATOR_VERBS, parseCardAction } from './actionData';
import { onBackstageAction } from '../backstage/onBackstageAction';
import { onCompose } from './compose';
import { ensureClass } from '../classes';
import { asMember } from './membership';
import { eventFor, INPUT_HINTS, type RoundCardAction } from './roundEvents';

export interface CardActionInput extends Omit<Turn, 'who'> {
  /** Null when the invoke does not name a Teams user. */
  who: Who | null;
  verb: unknown;
  data: unknown;
  /** The message that holds the card (Teams' `replyToId`). */
  cardActivityId: string | null;
  /** The invoke's own id: Teams sends a retry with the same id, so it keys idempotent events. */
  activityId: string | null;
}

/** The invoker's own view of a round, refreshing for them alone from now on. */
export function personalCard(
  turn: Turn,
  view: RoundView,
  notice?: string,
  privateDetails = false,
): AdaptiveCard {
  return roundCard(view, {
    audience: 'personal',
    refreshUserIds: turn.mri ? [turn.mri] : [],
    showMyView: false,
    privateDetails,
    ...(notice ? { notice } : {}),
  });
}

const cardAnswer = (card: AdaptiveCard, replies: Reply[] = []): InvokeResult => ({
  answer: { kind: 'card', card },
  replies,
});

const badRequest = (message: string): InvokeResult => ({
  answer: { kind: 'error', status: 400, code: 'BadRequest', message },
  replies: [],
});

/**
 * A Universal Action on a Stoa card. Whatever happens, the invoker gets a card back: their own view of the
 * round, with a short notice when the action was refused, stale or incomplete (and then nothing changed).
 * Only data that names no round at all is answered with a 400.
 */
export async function onCardAction(input: CardActionInput): Promise<InvokeResult> {
  const { who, verb, data, cardActivityId, activityId, ...rest } = input;
  if (!who) return badRequest(MESSAGES.whoAreYou);
  const turn: Turn = { ...rest, who };
  const action = parseCardAction(verb, data);
  if (!action) return incomplete(turn, verb, data);
  if (action.verb === 'composeView' || action.verb === 'composePi' || action.verb === 'composeSaved')
    return onCompose(turn, action, cardActivityId);
  if (action.verb === 'backstagePage' || action.verb === 'backstageVote')
    return onBackstageAction(turn, action);
  const client = turn.deps.stoaFor(who);
  const read = (roundId: string) => asMember(turn, () => client.call('getRound', { params: { roundId } }));
  if (action.verb === 'refresh') {
    const view = await withRefusal(() => read(action.data.roundId));
    if ('failed' in view) return cardAnswer(messageCard(view.failed));
    await turn.deps.rememberConversation(who, view.classId, turn.reference);
    // Private details go to the facilitator who asked, in the invoke's answer (their card alone).
    return cardAnswer(personalCard(turn, view, undefined, action.data.details === 'show'));
  }
  return onRoundAction(
    turn,
    action,
    activityId ? `teams:${action.verb}:${activityId}`.slice(0, 128) : undefined,
  );
}

async function onRoundAction(
  turn: Turn,
  action: RoundCardAction,
  key: string | undefined,
): Promise<InvokeResult> {
  const client = turn.deps.stoaFor(turn.who);
  const roundId = action.data.roundId;
  const read = () => asMember(turn, () => client.call('getRound', { params: { roundId } }));
  const facilitatorAction = FACILITATOR_VERBS.has(action.verb);
  if (facilitatorAction) {
    // The role matters here: what Teams says now (a presenter made attendee) reaches the service first.
    await refreshRole(turn);
    // Checked before sending, so a stale button can never move a round twice.
    const current = await withRefusal(read);
    if ('failed' in current) return cardAnswer(messageCard(current.failed));
    if (current.viewer.role !== 'facilitator')
      return cardAnswer(personalCard(turn, current, ROUND_MESSAGES.facilitatorsOnly));
    if (current.phase !== action.data.phase)
      return cardAnswer(personalCard(turn, current, ROUND_MESSAGES.staleCard));
  }
  const event = eventFor(action, key);
  if ('problem' in event) return showWithNotice(turn, read, event.problem);
  let view: RoundView;
  try {
    ({ view } = await asMember(turn, () =>
      client.call('sendRoundEvent', {
        params: { roundId },
        body: { event, ...(key ? { idempotencyKey: key } : {}) },
      }),
    ));
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showWithNotice(turn, read, describeFailure(err));
  }
  // The facilitator moved the round: everyone's card follows at once (the service's notification, which
  // also sends the phase's one chat message, updates it again a moment later).
  const [, replies] = await Promise.all([
    turn.deps.rememberConversation(turn.who, view.classId, turn.reference),
    facilitatorAction ? updateRoundCard(turn, view) : Promise.resolve([]),
  ]);
  return cardAnswer(personalCard(turn, view), replies);
}

/** Brings the invoker's Teams-derived role up to date; a refusal leaves it to the round's own check. */
async function refreshRole(turn: Turn): Promise<void> {
  if (!turn.standing) return;
  try {
    await ensureClass(turn.deps, turn.who, turn.conversation, turn.standing);
  } catch (err) {
    if (!isRefusal(err)) throw err;
  }
}

/** The invoker's current view with a notice; a round that cannot be read becomes a one-line card. */
async function showWithNotice(
  turn: Turn,
  read: () => Promise<RoundView>,
  notice: string,
): Promise<InvokeResult> {
  const current = await withRefusal(read);
  if ('failed' in current) return cardAnswer(messageCard(current.failed));
  return cardAnswer(personalCard(turn, current, notice));
}

/** Runs a read; a refusal (the round is gone, the user is not in the class) becomes its polite sentence. */
async function withRefusal<T extends object>(read: () => Promise<T>): Promise<T | { failed: string }> {
  try {
    return await read();
  } catch (err) {
    if (isRefusal(err)) return { failed: describeFailure(err) };
    throw err;
  }
}

/** Data that did not parse: a known round form with a missing input gets a hint, anything else a 400. */
async function incomplete(turn: Turn, verb: unknown, data: unknown): Promise<InvokeResult> {
  const option = (data as { option?: unknown } | null)?.option;
  // An option that is there but not one of the question's (a forged or stale card) is not a missing input.
  const outOfRange = (verb === 'answer' || verb === 'revote') && option !== undefined && option !== '';
  const hint = outOfRange
    ? refusalMessage('unknown_option')
    : typeof verb === 'string'
      ? INPUT_HINTS[verb as keyof typeof INPUT_HINTS]
      : undefined;
  const roundId = (data as { roundId?: unknown } | null)?.roundId;
  if (!hint || typeof roundId !== 'string' || roundId.length === 0 || roundId.length > 64)
    return badRequest(ROUND_MESSAGES.badCard);
  const client = turn.deps.stoaFor(turn.who);
  return showWithNotice(
    turn,
    () => asMember(turn, () => client.call('getRound', { params: { roundId } })),
    hint,
  );
}
