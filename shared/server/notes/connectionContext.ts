import type { Role } from '../../contract/classes';
import type { Principal } from '../auth/principal';
import type { GatedSocket } from './gatedSocket';

/**
 * The Hocuspocus `context` of a note connection. Hocuspocus copies the context object between hooks, so the
 * extensions set these fields on the object they are given instead of returning additions.
 */
export interface NoteContext {
  /** The socket the connection arrived on (absent for the service's own direct connections). */
  socket?: GatedSocket;
  principal?: Principal;
  role?: Role;
  server?: boolean;
}

export function noteContext(context: unknown): NoteContext {
  return context ?? {};
}

/**
 * Thrown from `onAuthenticate`: Hocuspocus answers with a permission-denied message carrying `reason`.
 * The message is empty on purpose: Hocuspocus logs hook errors that have one, and a refusal is no error.
 */
export class CollabRejection extends Error {
  constructor(readonly reason: string) {
    super('');
    this.name = 'CollabRejection';
  }
}

/**
 * Returned by a `beforeHandleMessage` hook after it closed the socket: the message is never handled and,
 * unlike a throw, nothing is logged for each refused message. The pending chain is garbage once the
 * connection is gone.
 */
export function halt(): Promise<never> {
  return new Promise<never>(() => undefined);
}

/** Users' budgets and connection counts are per person: tenant plus user id. */
export function userKey(p: Principal): string {
  return `${p.tenantId}/${p.userId}`;
}
