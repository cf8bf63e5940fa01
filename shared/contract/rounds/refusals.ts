import { z } from 'zod';

/** Why `reduce` refused an event. Stable ids: the service maps them to HTTP errors, the bot to replies. */
export const REFUSAL_REASONS = [
  'wrong_phase',
  'not_allowed',
  'already_answered',
  'deadline_passed',
  'unknown_option',
  'unknown_question',
  'own_question',
  'duplicate_vote',
  'round_over',
  'invalid',
] as const;
export const RefusalReasonSchema = z.enum(REFUSAL_REASONS).meta({ id: 'RoundRefusalReason' });
export type RefusalReason = z.infer<typeof RefusalReasonSchema>;

/** A refused event: the reason and a sentence a person can read. */
export interface Refusal {
  error: RefusalReason;
  message: string;
}

/** HTTP status the service should answer a refusal with. */
export const REFUSAL_STATUS: Record<RefusalReason, 400 | 403 | 404 | 409> = {
  wrong_phase: 409,
  not_allowed: 403,
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
