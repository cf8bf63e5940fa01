import type { SessionId } from '../../contract/ids';
import type { NoteVersion, NoteVersionId, NoteVersionKind } from '../../contract/notes';
import type { VersionInfo } from './noteStore';

/** A stored version as the contract's `NoteVersion`. */
export function presentVersion(row: VersionInfo): NoteVersion {
  return {
    id: row.id as NoteVersionId,
    sessionId: row.session_id as SessionId,
    name: row.name,
    kind: row.kind as NoteVersionKind,
    createdBy: { userId: row.created_by, name: row.created_by_name },
    createdAt: new Date(row.created_at).toISOString(),
    sizeBytes: row.size_bytes,
  };
}
