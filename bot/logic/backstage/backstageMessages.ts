import { StoaApiError, StoaNetworkError } from '../../../shared/client/errors';
import { BackstageRefusalDetailsSchema } from '../../../shared/contract/backstageApi';
import { MESSAGES } from '../messages';

/** Sentences about the lecture's always-on questions (the backstage), outside and inside cards. */
export const BACKSTAGE_MESSAGES = {
  noSession:
    'There is no live session right now, so there is nowhere to ask. Try again once the lecture has started.',
  sessionEnded: 'That session has ended, so nothing changed. Type **questions** for the live one.',
  usage:
    'Write your question after **ask**, for example: **ask Why is the sky blue?** (**ask anon ...** hides your name).',
  tooLong: (max: number) => `That question is too long. Please keep it under ${max} characters.`,
  published: (anonymous: boolean) =>
    `Thanks, your question is in${anonymous ? ' (anonymously: classmates will not see your name)' : ''}. ` +
    'Type **questions** to see it and vote on others.',
  duplicate:
    'A classmate already asked that, so I counted your question as a vote for theirs. Type **questions** to see it.',
  pending: 'Thanks, your question waits for a facilitator to approve it before classmates see it.',
  paused: (until: string | null) =>
    `Sorry, a facilitator has paused your posting in this class${until ? ` until ${until} UTC` : ''}.`,
  unknownQuestion: 'That question is no longer there. Here is the current list.',
  ownQuestion: "That's your own question, so you can't vote on it.",
  voted: 'Thanks, your vote counts.',
  notInClass: "You don't seem to be in this class yet. Write me a message here first, then try again.",
  invalid: "That didn't look right, so nothing changed. Please check and try again.",
} as const;

/** `2026-12-08 10:30`: a pause's end, the same for everyone. */
function utcMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** A polite sentence for a failed backstage call, by error id and refusal reason (never its message). */
export function describeBackstageFailure(err: unknown): string {
  if (err instanceof StoaNetworkError) return MESSAGES.serviceUnreachable;
  if (!(err instanceof StoaApiError)) return MESSAGES.somethingWentWrong;
  switch (err.id) {
    case 'backstage_refused': {
      const details = BackstageRefusalDetailsSchema.safeParse(err.details);
      if (details.success && details.data.reason === 'own_question') return BACKSTAGE_MESSAGES.ownQuestion;
      return BACKSTAGE_MESSAGES.unknownQuestion;
    }
    case 'posting_paused': {
      const until = (err.details as { until?: unknown } | undefined)?.until;
      return BACKSTAGE_MESSAGES.paused(typeof until === 'number' ? utcMinute(until) : null);
    }
    case 'session_ended':
      return BACKSTAGE_MESSAGES.sessionEnded;
    case 'not_found':
      return BACKSTAGE_MESSAGES.unknownQuestion;
    case 'not_a_member':
      return BACKSTAGE_MESSAGES.notInClass;
    case 'validation_failed':
    case 'bad_request':
      return BACKSTAGE_MESSAGES.invalid;
    case 'rate_limited':
      return MESSAGES.slowDown;
    default:
      return MESSAGES.somethingWentWrong;
  }
}
