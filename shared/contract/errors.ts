import { z } from 'zod';
import { ERROR_IDS } from './errorIds';

export { ERROR_IDS, ERROR_STATUS, type ErrorId } from './errorIds';

export const ErrorIdSchema = z.enum(ERROR_IDS);

/** The one error body: `{ error: { id, message, details? } }`. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      id: ErrorIdSchema,
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** A single field problem, as put in `details.issues` of a `validation_failed` error. */
export interface FieldIssue {
  path: string;
  message: string;
}
