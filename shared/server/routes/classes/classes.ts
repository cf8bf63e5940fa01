import { operations } from '../../../contract/api';
import { LIMITS } from '../../../contract/limits';
import type { Role } from '../../../contract/classes';
import { loadAsFacilitator, loadMembership } from '../../commands/access';
import { classCreator } from '../../commands/classCreator';
import { classEnsurer } from '../../commands/classEnsurer';
import type { AppContext } from '../../context';
import { ConflictError, ServiceError } from '../../errors';
import { bindOperation } from '../../http/route';
import { recordAudit } from '../../privacy';
import { parseSettings, presentClass } from '../../presenters';
import { decodeCursor, toPage } from '../../storage/cursor';
import { isUniqueViolation } from '../../storage/stores';

/** Classes: list mine, create, ensure for a Teams conversation, get, update. */
export function classRoutes(app: AppContext): void {
  const { server, routeDeps: deps, storage } = app;

  bindOperation(server, deps, operations.listClasses, async ({ principal, query }) => {
    const limit = query.limit ?? LIMITS.pageSizeDefault;
    const rows = await storage.classes.listForUser(
      principal.tenantId,
      principal.userId,
      limit,
      decodeCursor(query.cursor),
    );
    const page = toPage(rows, limit, (r) => ({ at: r.created_at, id: r.id }));
    return { items: page.items.map((r) => presentClass(r, r.role as Role)), nextCursor: page.nextCursor };
  });

  bindOperation(server, deps, operations.createClass, async ({ principal, body }) => {
    // A Teams conversation's class comes from Teams' roles (ensureClass): naming one here would let
    // anyone who knows a channel id own its class.
    if (body.conversation && body.conversation.kind !== 'web')
      throw new ServiceError('forbidden', 'A Teams conversation gets its class through ensureClass.');
    try {
      const row = await classCreator({
        storage,
        principal,
        name: body.name,
        conversation: body.conversation,
        settings: body.settings,
      });
      return presentClass(row, 'owner');
    } catch (err) {
      if (isUniqueViolation(err))
        throw new ConflictError('conflict', 'That conversation already has a class.');
      throw err;
    }
  });

  bindOperation(server, deps, operations.ensureClass, async ({ principal, body }) => {
    const r = await classEnsurer({ storage, principal, input: body, askTeams: app.askTeams });
    if (r.teamsChange) {
      await recordAudit(app, {
        tenantId: principal.tenantId,
        actorId: 'stoa:teams',
        action: 'member_role_changed',
        classId: r.cls.id,
        subject: principal.userId,
        details: {
          role: r.teamsChange.to,
          from: r.teamsChange.from,
          source: 'teams',
          basis: r.teamsChange.basis,
        },
      });
    }
    return { class: presentClass(r.cls, r.role), created: r.created, joined: r.joined };
  });

  bindOperation(server, deps, operations.getClass, async ({ principal, params }) => {
    const m = await loadMembership(storage, principal, params.classId);
    return presentClass(m.cls, m.role);
  });

  bindOperation(server, deps, operations.updateClass, async ({ principal, params, body }) => {
    const m = await loadAsFacilitator(storage, principal, params.classId);
    const settings = { ...parseSettings(m.cls.settings), ...(body.settings ?? {}) };
    const patch = { name: body.name ?? m.cls.name, settings: JSON.stringify(settings) };
    await storage.classes.update(m.cls.id, patch);
    const notes = app.notes;
    if (notes && body.settings?.studentsCanEdit !== undefined) {
      // Open editors pick up the new write access now, not on their next write.
      const live = (await storage.sessions.list(m.cls.id, 200, null)).filter((s) => s.status === 'live');
      await Promise.all(live.map((s) => notes.refreshAccess(s.id)));
    }
    return presentClass({ ...m.cls, ...patch }, m.role);
  });
}
