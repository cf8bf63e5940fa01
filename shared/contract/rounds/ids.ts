import { z } from 'zod';
import { LIMITS } from '../limits';

/** Round-scoped ids are branded so a question id cannot be passed where an answer id is expected. */
export const RoundIdSchema = z.string().min(1).max(64).brand<'RoundId'>();
export type RoundId = z.infer<typeof RoundIdSchema>;
/** A question of a question round, unique within its round (`q1`, `q2`, ...). */
export const QuestionIdSchema = z.string().min(1).max(64).brand<'QuestionId'>();
export type QuestionId = z.infer<typeof QuestionIdSchema>;
/** A peer or facilitator answer to a question, unique within its round (`a1`, `a2`, ...). */
export const PeerAnswerIdSchema = z.string().min(1).max(64).brand<'PeerAnswerId'>();
export type PeerAnswerId = z.infer<typeof PeerAnswerIdSchema>;
/** A muddiest-point submission, unique within its round (`m1`, `m2`, ...). */
export const MuddyIdSchema = z.string().min(1).max(64).brand<'MuddyId'>();
export type MuddyId = z.infer<typeof MuddyIdSchema>;

/** A word-cloud entry, unique within its round (`w1`, `w2`, ...). */
export const WordEntryIdSchema = z.string().min(1).max(64).brand<'WordEntryId'>();
export type WordEntryId = z.infer<typeof WordEntryIdSchema>;

/** A person inside a round: the Entra object id (or dev user id) the service resolved. */
export const RoundUserIdSchema = z.string().min(1).max(LIMITS.idMax);
export type RoundUserId = z.infer<typeof RoundUserIdSchema>;

/** Client-chosen key that makes a retried write (bot retry, double click) a no-op instead of an error. */
export const IdempotencyKeySchema = z.string().min(1).max(128);
