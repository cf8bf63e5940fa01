import { z } from 'zod';
import { REFUSAL_REASONS, type RefusalReason } from './refusalReasons';

export { REFUSAL_REASONS, type RefusalReason } from './refusalReasons';
export const RefusalReasonSchema = z.enum(REFUSAL_REASONS).meta({ id: 'RoundRefusalReason' });

/** A refused event: the reason and a sentence a person can read. */
export interface Refusal {
  error: RefusalReason;
  message: string;
}

/** HTTP status the service should answer a refusal with. */
export const REFUSAL_STATUS: Record<RefusalReason, 400 | 403 | 404 | 409> = {
  wrong_phase: 409,
  not_allowed: 403,
  not_assigned: 409,
  anonymous_off: 409,
  already_answered: 409,
  deadline_passed: 409,
  unknown_option: 400,
  unknown_question: 404,
  own_question: 403,
  duplicate_vote: 409,
  round_over: 409,
  invalid: 400,
};

/** Builds a refusal. */
export function refuse(error: RefusalReason, message: string): Refusal {
  return { error, message };
}
