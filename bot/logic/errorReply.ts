import { StoaApiError, StoaNetworkError } from '../../shared/client/errors';
import { MESSAGES } from './messages';
import type { Reply } from './types';

/**
 * The polite answer to a turn that failed. It depends only on the kind of failure, never on its
 * message, which may carry internals (URLs, stack traces, SQL).
 */
export function errorReply(err: unknown): Extract<Reply, { type: 'text' }> {
  if (err instanceof StoaNetworkError) return { type: 'text', text: MESSAGES.serviceUnreachable };
  if (err instanceof StoaApiError && err.id === 'rate_limited')
    return { type: 'text', text: MESSAGES.slowDown };
  return { type: 'text', text: MESSAGES.somethingWentWrong };
}
