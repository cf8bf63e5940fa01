/** WebSocket path of the notes collaboration endpoint (Hocuspocus protocol), on the service's own port. */
export const COLLAB_PATH = '/collab';

/** Name of the TipTap/ProseMirror `Y.XmlFragment` that holds a note's text. */
export const NOTE_FRAGMENT = 'default';

/** The Hocuspocus document name of a session's note: the session id itself. */
export function noteDocumentName(sessionId: string): string {
  return sessionId;
}

/**
 * Close codes of `/collab`, in the 44xx range Hocuspocus uses (4401, 4403, 4408 are its own). The socket is
 * closed with the code and the reason string below; the tab maps the reason to a message and decides whether
 * reconnecting can help (see `COLLAB_RETRYABLE`).
 */
export const COLLAB_CLOSE = {
  /** A frame that is not a well-formed Hocuspocus/Yjs message (text frame, bad encoding, unknown type). */
  malformed: { code: 4400, reason: 'malformed' },
  /** No token, or a token that is expired, malformed or not signed by a trusted issuer. */
  unauthorized: { code: 4401, reason: 'unauthorized' },
  /** The caller is not a member of the session's class (or the session does not exist for them). */
  forbidden: { code: 4403, reason: 'forbidden' },
  /** Hocuspocus' own: the client stopped answering pings. */
  timeout: { code: 4408, reason: 'timeout' },
  /** One message was larger than the configured maximum. */
  messageTooBig: { code: 4413, reason: 'message_too_big' },
  /** Applying the update would make the note larger than the configured maximum. */
  documentTooLarge: { code: 4414, reason: 'document_too_large' },
  /** The user sent more messages than their per-user budget (shared by all their connections). */
  rateLimited: { code: 4429, reason: 'rate_limited' },
  /** The note, the user or the socket already has as many connections/documents as configured. */
  tooManyConnections: { code: 4430, reason: 'too_many_connections' },
  /** The service could not store an update; nothing was acknowledged, reconnecting resends it. */
  unavailable: { code: 4503, reason: 'unavailable' },
  /** The service is shutting down; another instance (or this one, restarted) takes over. */
  goingAway: { code: 1001, reason: 'going_away' },
} as const;

export type CollabCloseName = keyof typeof COLLAB_CLOSE;
export type CollabCloseCode = (typeof COLLAB_CLOSE)[CollabCloseName]['code'];

/** Close reasons after which reconnecting with the same token cannot succeed. */
export const COLLAB_FINAL: readonly CollabCloseName[] = ['unauthorized', 'forbidden', 'documentTooLarge'];

/** The name of a close code, or null for codes that are not ours (1000, 1006, ...). */
export function collabCloseName(code: number): CollabCloseName | null {
  for (const [name, event] of Object.entries(COLLAB_CLOSE)) {
    if (event.code === code) return name as CollabCloseName;
  }
  return null;
}

/** Why a connection is read-only: its role, the session ended, or a facilitator locked the notes. */
export type CollabReadOnlyReason = 'role' | 'ended' | 'locked';
const READ_ONLY_REASONS: readonly string[] = ['role', 'ended', 'locked'];

/**
 * Stateless messages the server sends on a note's connection (Hocuspocus `stateless`, JSON string payload).
 * `access`: the caller's write access changed (session ended, students' editing switched off or on, notes
 * locked or unlocked); the server already enforces it, the editor should switch to read-only or back.
 * `reason` says why it is read-only (absent when writable). `lock`: a facilitator locked or unlocked the
 * notes, sent to everyone (facilitators keep editing but see the state).
 */
export type CollabServerMessage =
  | { type: 'stoa.access'; readOnly: boolean; reason?: CollabReadOnlyReason }
  | { type: 'stoa.lock'; locked: boolean };

/**
 * Reads a stateless payload (already JSON-parsed) as one of ours, or null for anything else. Written by hand,
 * not with zod: the tab reads these on every note, and zod would be the only reason to load it there.
 */
export function parseCollabServerMessage(data: unknown): CollabServerMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, readOnly, reason, locked } = data as Record<string, unknown>;
  if (type === 'stoa.access' && typeof readOnly === 'boolean') {
    return typeof reason === 'string' && READ_ONLY_REASONS.includes(reason)
      ? { type, readOnly, reason: reason as CollabReadOnlyReason }
      : { type, readOnly };
  }
  if (type === 'stoa.lock' && typeof locked === 'boolean') return { type, locked };
  return null;
}
