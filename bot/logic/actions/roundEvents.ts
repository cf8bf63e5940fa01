import { ROUND_LIMITS } from '../../../shared/contract/rounds/limits';
import type { RoundEventInput } from '../../../shared/contract/rounds/events';
import type { CardAction, Verb } from './actionData';

/** Card actions that are round events (everything but refresh and the compose form). */
export type RoundCardAction = Exclude<
  CardAction,
  { verb: 'refresh' | 'composeView' | 'composePi' | 'composeSaved' | 'backstagePage' | 'backstageVote' }
>;

/** What to tell someone whose form arrived incomplete (Teams checks required inputs, old clients may not). */
export const INPUT_HINTS: Partial<Record<Verb, string>> = {
  answer: 'Pick an answer and say how sure you are, then submit.',
  revote: 'Pick an answer and say how sure you are, then submit.',
  ask: `Write your question first (at most ${ROUND_LIMITS.questionTextMax} characters).`,
  submitMuddy: `Write what was least clear first (at most ${ROUND_LIMITS.muddyTextMax} characters).`,
  answerQuestion: `Write your answer first (at most ${ROUND_LIMITS.peerAnswerTextMax} characters).`,
  pollAnswer: 'Pick an answer first, then send it.',
  submitWord: `Write a word or a short phrase first (at most ${ROUND_LIMITS.wordcloudTextMax} characters).`,
};

/**
 * The round event a card action stands for. `key` makes a retried invoke (same Teams activity) a no-op in
 * the service; a second click is a new activity and meets the round's own rules instead.
 */
export function eventFor(
  action: RoundCardAction,
  key: string | undefined,
): RoundEventInput | { problem: string } {
  const idempotencyKey = key ? { idempotencyKey: key } : {};
  const d = action.data;
  switch (action.verb) {
    case 'join':
      return { type: 'join' };
    case 'answer':
    case 'revote':
      return {
        type: action.verb,
        option: action.data.option,
        confidence: action.data.confidence,
        ...idempotencyKey,
      };
    case 'closePhase':
      return { type: 'closePhase', phase: d.phase };
    case 'advance':
      return { type: 'advance', to: action.data.to };
    case 'cancel':
      return { type: 'cancel' };
    case 'ask':
      return {
        type: 'ask',
        text: action.data.questionText,
        anonymous: action.data.anonymous ?? false,
        ...idempotencyKey,
      };
    case 'vote':
      return {
        type: 'vote',
        questionId: action.data.questionId,
        value: action.data.value,
        ...idempotencyKey,
      };
    case 'answerQuestion': {
      const raw = (action.data as Record<string, unknown>)[`answer_${action.data.questionId}`];
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (!text || text.length > ROUND_LIMITS.peerAnswerTextMax)
        return { problem: INPUT_HINTS.answerQuestion! };
      return { type: 'answerQuestion', questionId: action.data.questionId, text, ...idempotencyKey };
    }
    case 'rate':
      return { type: 'rate', answerId: action.data.answerId, value: action.data.value, ...idempotencyKey };
    case 'endorse':
      return { type: 'endorse', answerId: action.data.answerId, endorsed: action.data.endorsed };
    case 'pollAnswer':
      return { type: 'pollAnswer', option: action.data.pollOption, ...idempotencyKey };
    case 'submitWord':
      return { type: 'submitWord', text: action.data.wordText, ...idempotencyKey };
    case 'moderateWord':
      return { type: 'moderateWord', entryId: action.data.entryId, visible: action.data.visible };
    case 'submitMuddy':
      return {
        type: 'submitMuddy',
        text: action.data.muddyText,
        ...(action.data.anonymous !== undefined ? { anonymous: action.data.anonymous } : {}),
        ...idempotencyKey,
      };
  }
}
