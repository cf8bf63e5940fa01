import { operations } from '../../../contract/api';
import { canFacilitate } from '../../../contract/classes';
import { loadSessionAccess } from '../../commands/access';
import type { AppContext } from '../../context';
import { ConflictError } from '../../errors';
import { bindOperation } from '../../http/route';
import { AnnotationAuthorStore } from '../../notes/annotationAuthors';
import { parseSettings } from '../../presenters';

/** Authors of anonymous annotations: recorded by the author, read by facilitators (and authors, their own). */
export function annotationAuthorRoutes(app: AppContext): void {
  const { server, routeDeps: deps, storage } = app;
  const authors = new AnnotationAuthorStore(storage.database.db);

  bindOperation(server, deps, operations.claimAnnotationAuthor, async ({ principal, params, body }) => {
    const { cls, session } = await loadSessionAccess(storage, principal, params.sessionId);
    if (parseSettings(cls.settings).fullyAnonymous) return { recorded: false };
    const mine = await authors.claim({
      sessionId: session.id,
      tenantId: session.tenant_id,
      annotationId: params.annotationId,
      commentId: body.commentId,
      userId: principal.userId,
      name: principal.name,
    });
    if (!mine) throw new ConflictError('conflict', 'Someone else is recorded as the author of that item.');
    return { recorded: true };
  });

  bindOperation(server, deps, operations.listAnnotationAuthors, async ({ principal, params }) => {
    const { cls, role, session } = await loadSessionAccess(storage, principal, params.sessionId);
    // A class made fully anonymous later shows nobody, even what was recorded before.
    if (parseSettings(cls.settings).fullyAnonymous) return { items: [] };
    const only = canFacilitate(role) ? null : principal.userId;
    return { items: await authors.list(session.id, principal.userId, only) };
  });
}
