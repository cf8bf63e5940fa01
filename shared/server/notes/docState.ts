import type * as Y from 'yjs';

/** Transaction origins of changes the service makes itself. */
export const ORIGIN = {
  /** Applying stored rows while loading: already durable, not logged again. */
  load: Symbol('stoa:notes:load'),
  /** Merging a snapshot another instance compacted: already durable, not logged again. */
  compact: Symbol('stoa:notes:compact'),
} as const;

/**
 * Origin of server-side edits (restore, appended round summaries). Hocuspocus reads `context` and
 * `socketId` from a change's origin as if it were a connection, so it has both.
 */
export const SERVER_ORIGIN = { context: { server: true }, socketId: 'server' } as const;

/** What a session's access rules were when last read (refreshed on writes, see `authentication.ts`). */
export interface NoteAccess {
  ended: boolean;
  studentsCanEdit: boolean;
  /** A facilitator locked the notes (students read only). */
  locked: boolean;
  at: number;
}

/** State the notes extensions keep per loaded document. */
export interface NoteDocState {
  sessionId: string;
  /** Upper bound of the encoded state size: size at load plus every update since. */
  sizeEstimate: number;
  /** Log rows whose updates are in this document (loaded with it, or written by this instance). */
  rowIds: number[];
  /** Generation of the snapshot this document contains. */
  snapshotGen: number | null;
  /** Last stored edit, epoch ms (0: none). */
  editedAt: number;
  compaction: Promise<void> | null;
  access: NoteAccess | null;
  accessRefresh: Promise<void> | null;
}

const states = new WeakMap<Y.Doc, NoteDocState>();

/** The state of a loaded note document; created by the persistence extension when it loads. */
export function docState(doc: Y.Doc): NoteDocState | undefined {
  return states.get(doc);
}

export function setDocState(doc: Y.Doc, state: NoteDocState): void {
  states.set(doc, state);
}

/** Session ids look like `ses_` + base32 (see `storage/ids.ts`); anything else is not a note. */
export const NOTE_NAME = /^ses_[0-9a-z]{1,60}$/;
