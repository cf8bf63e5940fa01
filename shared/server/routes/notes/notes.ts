import { operations } from '../../../contract/api';
import { LIMITS } from '../../../contract/limits';
import type { NoteVersionDetail } from '../../../contract/notes';
import { loadSessionAccess } from '../../commands/access';
import type { AppContext } from '../../context';
import { bindOperation } from '../../http/route';
import { mayEdit } from '../../notes/extensions/authentication';
import { presentVersion } from '../../notes/presenters';
import { parseSettings } from '../../presenters';
import { decodeCursor, toPage } from '../../storage/cursor';
import { annotationAuthorRoutes } from './annotationAuthors';

/** Notes of a session: metadata, Markdown export, named versions and restore. */
export function noteRoutes(app: AppContext): void {
  const { server, routeDeps: deps, storage } = app;
  const notes = app.notes;
  if (!notes) throw new Error('noteRoutes needs attachCollaboration to run first');
  annotationAuthorRoutes(app);

  bindOperation(server, deps, operations.getNote, async ({ principal, params }) => {
    const m = await loadSessionAccess(storage, principal, params.sessionId);
    const { studentsCanEdit } = parseSettings(m.cls.settings);
    const locked = await notes.isLocked(params.sessionId);
    const canEdit = mayEdit(m.role, m.session.status === 'ended', studentsCanEdit, locked);
    return notes.meta(params.sessionId, canEdit, locked);
  });

  bindOperation(server, deps, operations.setNoteLock, async ({ principal, params, body }) => {
    const { session } = await loadSessionAccess(storage, principal, params.sessionId, 'facilitator');
    await notes.setLock(session.id, body.locked);
    return { locked: body.locked };
  });

  bindOperation(server, deps, operations.exportNoteMarkdown, async ({ principal, params, res }) => {
    const { session } = await loadSessionAccess(storage, principal, params.sessionId);
    res.setHeader('content-disposition', `attachment; filename="notes-${session.id}.md"`);
    return notes.markdown(session.id);
  });

  bindOperation(server, deps, operations.listNoteVersions, async ({ principal, params, query }) => {
    const { session } = await loadSessionAccess(storage, principal, params.sessionId);
    const limit = query.limit ?? LIMITS.pageSizeDefault;
    const rows = await notes.listVersions(session.id, limit, decodeCursor(query.cursor));
    const page = toPage(rows, limit, (r) => ({ at: r.created_at, id: r.id }));
    return { items: page.items.map(presentVersion), nextCursor: page.nextCursor };
  });

  bindOperation(server, deps, operations.createNoteVersion, async ({ principal, params, body }) => {
    const { session } = await loadSessionAccess(storage, principal, params.sessionId, 'facilitator');
    const author = { userId: principal.userId, name: principal.name };
    return presentVersion(await notes.createVersion(session.id, session.tenant_id, body.name, author));
  });

  bindOperation(server, deps, operations.getNoteVersion, async ({ principal, params }) => {
    const { session } = await loadSessionAccess(storage, principal, params.sessionId);
    const v = await notes.version(session.id, params.versionId);
    const detail: NoteVersionDetail = {
      version: presentVersion(v.info),
      markdown: v.markdown,
      content: v.content,
    };
    return detail;
  });

  bindOperation(server, deps, operations.restoreNoteVersion, async ({ principal, params }) => {
    const { session } = await loadSessionAccess(storage, principal, params.sessionId, 'facilitator');
    const author = { userId: principal.userId, name: principal.name };
    const result = await notes.restoreVersion(session.id, session.tenant_id, params.versionId, author);
    return { restored: presentVersion(result.restored), backup: presentVersion(result.backup) };
  });
}
