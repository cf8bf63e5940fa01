import type {
  Document,
  Extension,
  beforeHandleMessagePayload,
  onAuthenticatePayload,
} from '@hocuspocus/server';
import type { Logger } from 'pino';
import { COLLAB_CLOSE, type CollabReadOnlyReason, type CollabServerMessage } from '../../../contract/collab';
import { canFacilitate, type Role } from '../../../contract/classes';
import type { Principal } from '../../auth/principal';
import { loadSessionAccess, type Membership } from '../../commands/access';
import { ServiceError } from '../../errors';
import { parseSettings } from '../../presenters';
import type { Stores } from '../../storage/stores';
import { CollabRejection, noteContext, userKey } from '../connectionContext';
import { NOTE_NAME, docState, type NoteAccess, type NoteDocState } from '../docState';
import { frameOf, isWrite } from '../frames';
import type { NoteStore } from '../noteStore';

export interface AuthenticationOptions {
  verifyToken(token: string): Promise<Principal>;
  stores: Stores;
  store: NoteStore;
  log: Logger;
  awarenessMaxBytes: number;
  /** How old the cached session state (ended? students may edit?) may be when someone writes. */
  accessTtlMs?: number;
}

/**
 * Whether a role may write to a note: never once the session ended; students only if the class lets them
 * and no facilitator locked the notes.
 */
export function mayEdit(
  role: Role | undefined,
  ended: boolean,
  studentsCanEdit: boolean,
  locked = false,
): boolean {
  return readOnlyReason(role, ended, studentsCanEdit, locked) === null;
}

/** Why a role may not write to a note now, or null when it may. */
export function readOnlyReason(
  role: Role | undefined,
  ended: boolean,
  studentsCanEdit: boolean,
  locked: boolean,
): CollabReadOnlyReason | null {
  if (ended) return 'ended';
  if (!role) return 'role';
  if (canFacilitate(role)) return null;
  if (!studentsCanEdit) return 'role';
  return locked ? 'locked' : null;
}

/**
 * Authentication and authorization of note connections: the same JWT as the REST API (sent in the
 * provider's auth message), membership of the session's class, and read-only where the role or an ended
 * session says so. Refusals close the socket with a typed code; write access is re-checked while editing.
 */
export class AuthenticationExtension implements Extension {
  // Runs first: limits need the principal, persistence needs the read-only decision.
  priority = 200;
  extensionName = 'stoa-authentication';
  private readonly ttl: number;

  constructor(private readonly opts: AuthenticationOptions) {
    this.ttl = opts.accessTtlMs ?? 5000;
  }

  async onAuthenticate({ token, documentName, context, connectionConfig }: onAuthenticatePayload) {
    const ctx = noteContext(context);
    const refuse = (event: { code: number; reason: string }) => {
      // After Hocuspocus has sent its permission-denied message for this document.
      if (ctx.socket) setImmediate(() => ctx.socket?.reject(event));
      return new CollabRejection(event.reason);
    };
    let principal: Principal;
    try {
      principal = await this.opts.verifyToken(token);
    } catch (err) {
      if (err instanceof ServiceError) throw refuse(COLLAB_CLOSE.unauthorized);
      this.opts.log.error({ err }, 'notes: token check failed');
      throw refuse(COLLAB_CLOSE.unavailable);
    }
    if (!NOTE_NAME.test(documentName)) throw refuse(COLLAB_CLOSE.forbidden);
    let m: Membership & { session: { status: string } };
    try {
      m = await loadSessionAccess(this.opts.stores, principal, documentName);
    } catch (err) {
      if (err instanceof ServiceError) throw refuse(COLLAB_CLOSE.forbidden);
      this.opts.log.error({ err }, 'notes: membership check failed');
      throw refuse(COLLAB_CLOSE.unavailable);
    }
    const settings = parseSettings(m.cls.settings);
    let locked: boolean;
    try {
      locked = await this.opts.store.isLocked(documentName);
    } catch (err) {
      this.opts.log.error({ err }, 'notes: lock check failed');
      throw refuse(COLLAB_CLOSE.unavailable);
    }
    ctx.principal = principal;
    ctx.role = m.role;
    connectionConfig.readOnly = !mayEdit(
      m.role,
      m.session.status === 'ended',
      settings.studentsCanEdit,
      locked,
    );
    if (ctx.socket) {
      ctx.socket.rateKey = userKey(principal);
      ctx.socket.markAuthenticated(documentName);
    }
  }

  /** Before a write is applied: when the cached session state is stale, read it again and apply it. */
  async beforeHandleMessage({ connection, document, update }: beforeHandleMessagePayload) {
    if (connection.readOnly || !isWrite(frameOf(update, this.opts.awarenessMaxBytes))) return;
    const st = docState(document);
    if (!st || (st.access && Date.now() - st.access.at < this.ttl)) return;
    await this.refresh(document, st);
  }

  /** Reads the session's state now and switches connections to read-only (or back) where it changed. */
  refresh(document: Document, st: NoteDocState): Promise<void> {
    st.accessRefresh ??= (async () => {
      try {
        const row = await this.opts.store.sessionAccess(st.sessionId);
        const access: NoteAccess = {
          ended: !row || row.status === 'ended',
          studentsCanEdit: row ? parseSettings(row.settings).studentsCanEdit : false,
          locked: row?.locked ?? false,
          at: Date.now(),
        };
        const lockChanged = st.access !== null && st.access.locked !== access.locked;
        st.access = access;
        for (const connection of document.getConnections()) {
          const reason = readOnlyReason(
            noteContext(connection.context).role,
            access.ended,
            access.studentsCanEdit,
            access.locked,
          );
          const readOnly = reason !== null;
          if (lockChanged) {
            const lock: CollabServerMessage = { type: 'stoa.lock', locked: access.locked };
            connection.sendStateless(JSON.stringify(lock));
          }
          if (connection.readOnly === readOnly) continue;
          connection.readOnly = readOnly;
          const message: CollabServerMessage = reason
            ? { type: 'stoa.access', readOnly, reason }
            : { type: 'stoa.access', readOnly };
          connection.sendStateless(JSON.stringify(message));
        }
      } catch (err) {
        // Keep the last known state; the next write tries again.
        this.opts.log.warn({ err, sessionId: st.sessionId }, 'notes: could not re-read session access');
      } finally {
        st.accessRefresh = null;
      }
    })();
    return st.accessRefresh;
  }
}
