import { z } from 'zod';
import { LIMITS } from './limits';
import { ClassIdSchema, SessionIdSchema } from './ids';

export const SessionStatusSchema = z.enum(['live', 'ended']);
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

export const SessionSchema = z
  .object({
    id: SessionIdSchema,
    classId: ClassIdSchema,
    title: z.string(),
    status: SessionStatusSchema,
    createdBy: z.string(),
    startedAt: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof SessionSchema>;

export const SessionCreateSchema = z
  .object({ title: z.string().trim().min(1).max(LIMITS.sessionTitleMax) })
  .strict()
  .meta({ id: 'SessionCreate' });
export type SessionCreate = z.infer<typeof SessionCreateSchema>;
