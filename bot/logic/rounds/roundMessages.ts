import { StoaApiError, StoaNetworkError } from '../../../shared/client/errors';
import { RoundRefusalDetailsSchema } from '../../../shared/contract/roundsApi';
import type { RefusalReason } from '../../../shared/contract/rounds/refusals';
import type { RoundKind, RoundPhase } from '../../../shared/contract/rounds/phases';
import { MESSAGES } from '../messages';

/** Why the service refused a round action, as a student or facilitator should read it. */
const REFUSALS: Record<RefusalReason, string> = {
  wrong_phase: 'The round has moved on, so that did not go through. Here is where it is now.',
  not_allowed: "That isn't something you can do in this round.",
  not_assigned:
    'A facilitator gave this question to other classmates to answer, so your answer was not taken.',
  anonymous_off: 'This round does not take anonymous posts. Send it again with your name, or leave it.',
  already_answered: 'You have already answered; your first answer counts.',
  deadline_passed: 'Time is up for that step, so it did not go through.',
  unknown_option: 'That option is not on this question. Please pick one of the options shown.',
  unknown_question: 'That question is no longer in the round.',
  own_question: "That's your own question, so you can't vote on it or answer it.",
  duplicate_vote: 'You have already done that.',
  round_over: 'This round is over, so nothing changed.',
  invalid: "That didn't look right, so nothing changed. Please check and try again.",
};

/** The sentence for one refusal reason. */
export function refusalMessage(reason: RefusalReason): string {
  return REFUSALS[reason];
}

/** Sentences about rounds, outside and inside cards. */
export const ROUND_MESSAGES = {
  facilitatorsOnly: 'Only facilitators of this class can do that. Ask your lecturer if you should be one.',
  staleCard: 'This card was out of date, so nothing changed. Here is the current state.',
  roundGone: "I can't find that round any more.",
  badCard: "Sorry, I couldn't read that card. Please use the latest card in the chat.",
  noSession:
    'There is no live session. A facilitator starts one with **pi**, **ask**, **muddy**, **poll** or **cloud**.',
  noRound: 'No round is running right now.',
  roundRunning: (title: string) =>
    `A round is still running (${title}). End it first with **end**, then start the next one.`,
  sessionEnded: 'That session has ended. Start a new round and I will open a new session.',
  notInClass: "You don't seem to be in this class yet. Write me a message here first, then try again.",
  fixForm: 'Please fix the form and send it again.',
  savedGone: 'That saved question has already been started or removed. Here is the form again.',
} as const;

/** A polite sentence for a failed service call, by error id and refusal reason (never its message). */
export function describeFailure(err: unknown): string {
  if (err instanceof StoaNetworkError) return MESSAGES.serviceUnreachable;
  if (!(err instanceof StoaApiError)) return MESSAGES.somethingWentWrong;
  switch (err.id) {
    case 'round_refused': {
      const details = RoundRefusalDetailsSchema.safeParse(err.details);
      return details.success ? REFUSALS[details.data.reason] : REFUSALS.invalid;
    }
    case 'insufficient_role':
    case 'forbidden':
      return ROUND_MESSAGES.facilitatorsOnly;
    case 'not_found':
      return ROUND_MESSAGES.roundGone;
    case 'not_a_member':
      return ROUND_MESSAGES.notInClass;
    case 'class_not_set_up':
      return MESSAGES.notSetUp;
    case 'guests_not_allowed':
      return MESSAGES.guestsNotAllowed;
    case 'session_ended':
      return ROUND_MESSAGES.sessionEnded;
    case 'validation_failed':
    case 'bad_request':
      return REFUSALS.invalid;
    case 'rate_limited':
      return MESSAGES.slowDown;
    default:
      return MESSAGES.somethingWentWrong;
  }
}

/** True for a service answer that refuses the request (4xx): the user gets the reason, nothing is logged as a fault. */
export function isRefusal(err: unknown): err is StoaApiError {
  return err instanceof StoaApiError && err.status >= 400 && err.status < 500;
}

/**
 * The one short chat message a phase change deserves, where students must act and an edited card alone
 * would not notify them; null where the card says enough.
 */
export function phaseMessage(kind: RoundKind, phase: RoundPhase, showMyView: boolean): string | null {
  const look = showMyView ? 'press **Show my view** on the round card' : 'see the round card';
  if (kind === 'peer_instruction') {
    if (phase === 'discussion') return `Discussion time: ${look} to find out who to talk to.`;
    if (phase === 'revote') return 'Vote again on the round card: keep your answer or change it.';
    if (phase === 'revealed') return 'The results are in on the round card.';
  }
  if ((kind === 'poll' || kind === 'wordcloud') && phase === 'revealed')
    return 'The results are in on the round card.';
  if (kind === 'question_round' && phase === 'answering')
    return `The top questions went to classmates to answer: ${look} to see if one is yours.`;
  return null;
}
