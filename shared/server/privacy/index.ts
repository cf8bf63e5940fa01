import type { AppContext } from '../context';
import { NoteStore } from '../notes/noteStore';
import { newId } from '../storage/ids';
import { AuditTrail, type AuditRecord } from './auditTrail';
import type { PrivacyDeps } from './deps';
import { localForgetChannel, redisForgetChannel, type ForgetMessage } from './forgetChannel';
import { RetentionJob } from './retentionJob';
import { privacyDb } from './tables';

export type { AuditRecord } from './auditTrail';

/** Export, erasure, retention and the audit trail; `app.privacy`. */
export interface Privacy {
  deps: PrivacyDeps;
  audit: AuditTrail;
  retention: RetentionJob;
  close(): Promise<void>;
}

/** Builds the privacy module over the app's storage and starts the retention job. */
export async function createPrivacy(app: AppContext, opts: { clock?: () => number } = {}): Promise<Privacy> {
  const { db, dialect } = app.storage.database;
  const pdb = privacyDb(db);
  const audit = new AuditTrail(pdb);
  const forget = (m: ForgetMessage) => {
    // People first: their tokens are refused before anything of theirs is closed, so nothing reconnects.
    for (const user of m.users ?? []) {
      app.revocations.remember(user);
      app.notes?.closeUser(user.hash);
      app.events.endUserStreams(user.hash);
    }
    app.rounds?.engine.forget(m.rounds);
    for (const sessionId of m.sessions) {
      app.notes?.closeDeleted(sessionId);
      app.events.endStreams(sessionId);
    }
  };
  const channel = app.env.REDIS_URL
    ? await redisForgetChannel(app.env.REDIS_URL, app.log, forget)
    : localForgetChannel(forget);
  const deps: PrivacyDeps = {
    db,
    pdb,
    dialect,
    audit,
    noteStore: new NoteStore(db),
    noteService: () => app.notes,
    rounds: () => app.rounds,
    forgetRounds: (ids) => channel.announce({ rounds: ids, sessions: [] }),
    forgetSessions: (ids) => channel.announce({ rounds: [], sessions: ids }),
    endSessionsOf: async (tenantId, userId) => {
      const revocation = await app.revocations.revoke(tenantId, userId);
      await channel.announce({ rounds: [], sessions: [], users: [revocation] });
    },
    forgetStorage: (tables) => app.storage.database.forget(tables),
    env: app.env,
    log: app.log,
  };
  const retention = new RetentionJob(deps, {
    owner: newId('inst'),
    intervalMs: app.env.RETENTION_POLL_MS,
    clock: opts.clock ?? Date.now,
    log: app.log,
  });
  retention.start();
  return {
    deps,
    audit,
    retention,
    close: async () => {
      await retention.close();
      await channel.close();
    },
  };
}

/**
 * Records a facilitator's or administrator's action in the tenant's audit trail: the one entry point for
 * other modules (role changes, CSV downloads of round results as `csv_exported`).
 * A failure is logged and swallowed: the action itself already happened.
 */
export async function recordAudit(app: AppContext, entry: AuditRecord): Promise<void> {
  try {
    await (app.privacy?.audit ?? new AuditTrail(privacyDb(app.storage.database.db))).record(entry);
  } catch (err) {
    app.log.error({ err, action: entry.action }, 'privacy: could not record an audit entry');
  }
}
