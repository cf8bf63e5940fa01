import { operations } from '../../../contract/api';
import { LIMITS } from '../../../contract/limits';
import { loadAsFacilitator, loadMembership, loadSessionAccess } from '../../commands/access';
import type { AppContext } from '../../context';
import { bindOperation } from '../../http/route';
import { presentSession } from '../../presenters';
import { decodeCursor, toPage } from '../../storage/cursor';
import { newId } from '../../storage/ids';
import type { SessionRow } from '../../storage/stores/sessionStore';

/** Sessions: one lecture of a class. */
export function sessionRoutes(app: AppContext): void {
  const { server, routeDeps: deps, storage } = app;

  bindOperation(server, deps, operations.listSessions, async ({ principal, params, query }) => {
    const m = await loadMembership(storage, principal, params.classId);
    const limit = query.limit ?? LIMITS.pageSizeDefault;
    const rows = await storage.sessions.list(m.cls.id, limit, decodeCursor(query.cursor));
    const page = toPage(rows, limit, (r) => ({ at: r.started_at, id: r.id }));
    return { items: page.items.map(presentSession), nextCursor: page.nextCursor };
  });

  bindOperation(server, deps, operations.createSession, async ({ principal, params, body }) => {
    const m = await loadAsFacilitator(storage, principal, params.classId);
    const row: SessionRow = {
      id: newId('ses'),
      class_id: m.cls.id,
      tenant_id: m.cls.tenant_id,
      title: body.title,
      status: 'live',
      created_by: principal.userId,
      started_at: Date.now(),
      ended_at: null,
    };
    await storage.sessions.insert(row);
    return presentSession(row);
  });

  bindOperation(server, deps, operations.getSession, async ({ principal, params }) => {
    const { session } = await loadSessionAccess(storage, principal, params.sessionId);
    return presentSession(session);
  });

  bindOperation(server, deps, operations.endSession, async ({ principal, params }) => {
    const { session } = await loadSessionAccess(storage, principal, params.sessionId, 'facilitator');
    if (session.status === 'live' && app.notes) {
      // The notes as the session leaves them, kept whatever happens to them later.
      const author = { userId: principal.userId, name: principal.name };
      await app.notes.sessionEndVersion(session.id, session.tenant_id, author);
    }
    await storage.sessions.end(session.id, Date.now());
    const ended = presentSession(
      (await storage.sessions.findById(principal.tenantId, session.id)) ?? session,
    );
    if (session.status === 'live') {
      await app.notes?.refreshAccess(session.id);
      await app.events.publish(session.id, { kind: 'all' }, { type: 'session_updated', session: ended });
    }
    return ended;
  });
}
