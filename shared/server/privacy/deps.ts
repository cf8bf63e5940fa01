import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { ServiceEnv } from '../env';
import type { NoteService } from '../notes/noteService';
import type { NoteStore } from '../notes/noteStore';
import type { Rounds } from '../rounds';
import type { Dialect } from '../storage/db';
import type { DatabaseSchema } from '../storage/schema';
import type { AuditTrail } from './auditTrail';
import type { PrivacyDb } from './tables';

/** What the privacy commands work with. */
export interface PrivacyDeps {
  db: Kysely<DatabaseSchema>;
  pdb: PrivacyDb;
  dialect: Dialect;
  audit: AuditTrail;
  noteStore: NoteStore;
  /** Lazily: the notes and rounds modules are attached after the privacy routes are bound. */
  noteService: () => NoteService | undefined;
  rounds: () => Rounds | undefined;
  /** Drops rounds from the round engine's cache on every instance (their stored log was rewritten). */
  forgetRounds(roundIds: string[]): Promise<void>;
  /** Closes deleted sessions' open notes and event streams on every instance. */
  forgetSessions(sessionIds: string[]): Promise<void>;
  /**
   * Ends a person's sessions on every instance: their tokens issued so far are refused (durably, for the
   * tokens' lifetime), their open editors closed with their presence removed, their event streams ended.
   */
  endSessionsOf(tenantId: string, userId: string): Promise<void>;
  /** Makes storage drop the old contents of rewritten and deleted rows (see `Database.forget`). */
  forgetStorage(tables: readonly string[]): Promise<void>;
  env: ServiceEnv;
  log: Logger;
}
