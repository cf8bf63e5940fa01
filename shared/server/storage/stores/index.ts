import type { Kysely } from 'kysely';
import type { Database, Dialect } from '../db';
import type { DatabaseSchema } from '../schema';
import { ClassStore } from './classStore';
import { MemberStore } from './memberStore';
import { SessionStore } from './sessionStore';
import { TeamsInstallStore } from './teamsInstallStore';

/** All stores over one database handle (the pool, or a transaction). */
export interface Stores {
  classes: ClassStore;
  members: MemberStore;
  sessions: SessionStore;
  teamsInstalls: TeamsInstallStore;
}

export function createStores(db: Kysely<DatabaseSchema>, dialect: Dialect): Stores {
  return {
    classes: new ClassStore(db),
    members: new MemberStore(db, dialect),
    sessions: new SessionStore(db),
    teamsInstalls: new TeamsInstallStore(db),
  };
}

/** Stores plus a way to run several writes atomically. */
export interface Storage extends Stores {
  database: Database;
  transaction<T>(fn: (stores: Stores) => Promise<T>): Promise<T>;
}

export function createStorage(database: Database): Storage {
  return {
    ...createStores(database.db, database.dialect),
    database,
    transaction: (fn) => database.db.transaction().execute((trx) => fn(createStores(trx, database.dialect))),
  };
}

/** True when a write failed on a unique constraint, in either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
