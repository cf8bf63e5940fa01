import { z } from 'zod';
import { LIMITS } from './limits';

/** Ids that are easy to mix up are branded so a class id cannot be passed where a session id is expected. */
export const ClassIdSchema = z.string().min(1).max(64).brand<'ClassId'>();
export type ClassId = z.infer<typeof ClassIdSchema>;
export const SessionIdSchema = z.string().min(1).max(64).brand<'SessionId'>();
export type SessionId = z.infer<typeof SessionIdSchema>;

/** Entra tenant id and object id: GUIDs in Teams, free-form but bounded in dev mode. */
export const TenantIdSchema = z.string().min(1).max(LIMITS.idMax);
export const UserIdSchema = z.string().min(1).max(LIMITS.idMax);
