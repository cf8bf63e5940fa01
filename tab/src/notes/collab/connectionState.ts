import {
  COLLAB_FINAL,
  collabCloseName,
  type CollabCloseName,
  type CollabReadOnlyReason,
} from '../../../../shared/contract/collab';
import type { MessageKey } from '../../i18n';

/** What the connection badge says. */
export type ConnectionPhase = 'connecting' | 'synced' | 'saving' | 'reconnecting' | 'offline' | 'stopped';

/** Why the editor stopped trying: a final close from the service, or a sign-in that could not be renewed. */
export type StopReason = CollabCloseName | 'signedOut';

export interface ConnectionState {
  socket: 'connecting' | 'connected' | 'disconnected';
  synced: boolean;
  /** Whether the note has been in sync once since it was opened (first load vs. reconnect). */
  everSynced: boolean;
  /** Local changes the service has not acknowledged yet. */
  pending: number;
  /** The browser's own idea of the network (navigator.onLine). */
  online: boolean;
  readOnly: boolean;
  /** Why it is read-only, when the service said so live (null: unknown or writable). */
  readOnlyReason: CollabReadOnlyReason | null;
  /** Whether a facilitator locked the notes, as the service last said live (null: not said yet). */
  locked: boolean | null;
  /** The last typed close while we keep retrying; cleared by the next sync. */
  lastClose: CollabCloseName | null;
  stopped: StopReason | null;
}

export type ConnectionEvent =
  | { type: 'status'; status: ConnectionState['socket'] }
  | { type: 'synced' }
  | { type: 'pending'; count: number }
  | { type: 'online'; online: boolean }
  | { type: 'access'; readOnly: boolean; reason?: CollabReadOnlyReason | null }
  | { type: 'lock'; locked: boolean }
  | { type: 'closed'; code: number }
  | { type: 'stopped'; reason: StopReason }
  | { type: 'retry' };

/** The state before anything happened. */
export function initialConnection(online = true): ConnectionState {
  return {
    socket: 'connecting',
    synced: false,
    everSynced: false,
    pending: 0,
    online,
    readOnly: false,
    readOnlyReason: null,
    locked: null,
    lastClose: null,
    stopped: null,
  };
}

/** Applies one provider event; pure, so every transition is tested without a socket. */
export function reduceConnection(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.type) {
    case 'status':
      return {
        ...state,
        socket: event.status,
        synced: event.status === 'connected' ? state.synced : false,
      };
    case 'synced':
      return { ...state, synced: true, everSynced: true, lastClose: null };
    case 'pending':
      return { ...state, pending: Math.max(0, event.count) };
    case 'online':
      return { ...state, online: event.online };
    case 'access': {
      const reason = event.readOnly ? (event.reason ?? null) : null;
      // A student learns of a lock (and of its end) through their own access changing.
      const locked =
        reason === 'locked'
          ? true
          : state.readOnlyReason === 'locked' && !event.readOnly
            ? false
            : state.locked;
      // The scope at sign-in carries no reason: keep the one the service sent live.
      const kept = event.readOnly && reason === null ? state.readOnlyReason : reason;
      return { ...state, readOnly: event.readOnly, readOnlyReason: kept, locked };
    }
    case 'lock':
      return { ...state, locked: event.locked };
    case 'closed': {
      const name = collabCloseName(event.code);
      // 1000/1006 and friends are ordinary network events: keep the last typed reason, if any.
      return name ? { ...state, synced: false, lastClose: name } : { ...state, synced: false };
    }
    case 'stopped':
      return { ...state, synced: false, stopped: event.reason };
    case 'retry':
      return { ...state, stopped: null, lastClose: null, socket: 'connecting' };
  }
}

/** The phase to show for a state. */
export function connectionPhase(state: ConnectionState): ConnectionPhase {
  if (state.stopped) return 'stopped';
  if (!state.online) return 'offline';
  if (state.socket === 'connected' && state.synced) return state.pending > 0 ? 'saving' : 'synced';
  return state.everSynced ? 'reconnecting' : 'connecting';
}

/**
 * Whether reconnecting cannot help after this close. `unauthorized` is final only after a fresh token was
 * refused too; the connection refreshes the token once before giving up.
 */
export function isFinalClose(name: CollabCloseName): boolean {
  return COLLAB_FINAL.includes(name);
}

const CLOSE_MESSAGES: Record<CollabCloseName, MessageKey> = {
  malformed: 'notes.close.malformed',
  unauthorized: 'notes.close.unauthorized',
  forbidden: 'notes.close.forbidden',
  timeout: 'notes.close.timeout',
  messageTooBig: 'notes.close.messageTooBig',
  documentTooLarge: 'notes.close.documentTooLarge',
  rateLimited: 'notes.close.rateLimited',
  tooManyConnections: 'notes.close.tooManyConnections',
  unavailable: 'notes.close.unavailable',
  goingAway: 'notes.close.goingAway',
};

/** The friendly sentence for a close reason or a stop; never the raw close reason. */
export function closeMessageKey(reason: StopReason): MessageKey {
  return reason === 'signedOut' ? 'notes.close.signedOut' : CLOSE_MESSAGES[reason];
}

const PHASE_LABELS: Record<ConnectionPhase, MessageKey> = {
  connecting: 'notes.status.connecting',
  synced: 'notes.status.synced',
  saving: 'notes.status.saving',
  reconnecting: 'notes.status.reconnecting',
  offline: 'notes.status.offline',
  stopped: 'notes.status.stopped',
};

/** The badge text for a phase. */
export function phaseLabelKey(phase: ConnectionPhase): MessageKey {
  return PHASE_LABELS[phase];
}
