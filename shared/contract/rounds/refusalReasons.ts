// Plain data, no zod: the tab names a refused event's reason without loading the schemas.

/** Why `reduce` refused an event. Stable ids: the service maps them to HTTP errors, the bot to replies. */
export const REFUSAL_REASONS = [
  'wrong_phase',
  'not_allowed',
  'not_assigned',
  'anonymous_off',
  'already_answered',
  'deadline_passed',
  'unknown_option',
  'unknown_question',
  'own_question',
  'duplicate_vote',
  'round_over',
  'invalid',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
