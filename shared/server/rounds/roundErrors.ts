import type { Refusal } from '../../contract/rounds';
import { ServiceError, ValidationError } from '../errors';

/**
 * The HTTP error for a refused event: a malformed event is a validation failure, an event of the wrong
 * role (`not_allowed`, the only reason the machine gives for a role) needs a role, and every other reason
 * is a `round_refused` with the typed reason in details, so a student who was not assigned a question
 * hears that, not that they should be a facilitator.
 */
export function refusalError(refusal: Refusal): ServiceError {
  switch (refusal.error) {
    case 'invalid':
      return new ValidationError('body', [{ path: 'event', message: refusal.message }]);
    case 'not_allowed':
      return new ServiceError('insufficient_role', refusal.message, { reason: refusal.error });
    default:
      return new ServiceError('round_refused', refusal.message, { reason: refusal.error });
  }
}
