import { timingSafeEqual } from 'node:crypto';
import { operations } from '../../../contract/api';
import { LIMITS } from '../../../contract/limits';
import type { Role } from '../../../contract/classes';
import { loadMembership } from '../../commands/access';
import { classLeaver } from '../../commands/classLeaver';
import { memberRoleChanger } from '../../commands/memberRoleChanger';
import type { AppContext } from '../../context';
import { NotFoundError, ServiceError } from '../../errors';
import { bindOperation } from '../../http/route';
import { presentClass, presentMember } from '../../presenters';
import { recordAudit } from '../../privacy';
import { decodeCursor, toPage } from '../../storage/cursor';

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a.toUpperCase());
  const y = Buffer.from(b.toUpperCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Members and roles: join with a code, list, change a role, leave. */
export function memberRoutes(app: AppContext): void {
  const { server, routeDeps: deps, storage } = app;

  bindOperation(server, deps, operations.joinClass, async ({ principal, params, body }) => {
    const cls = await storage.classes.findById(principal.tenantId, params.classId);
    if (!cls) throw new NotFoundError('class');
    const existing = await storage.members.find(cls.id, principal.userId);
    if (existing) return presentClass(cls, existing.role as Role);
    if (!sameCode(body.joinCode, cls.join_code)) {
      throw new ServiceError('forbidden', 'That join code is not right for this class.');
    }
    await storage.members.insertIfMissing({
      class_id: cls.id,
      tenant_id: cls.tenant_id,
      user_id: principal.userId,
      name: principal.name,
      role: 'student',
      role_source: 'granted',
      teams_basis: null,
      joined_at: Date.now(),
    });
    const member = await storage.members.find(cls.id, principal.userId);
    return presentClass(cls, (member?.role as Role | undefined) ?? 'student');
  });

  bindOperation(server, deps, operations.listMembers, async ({ principal, params, query }) => {
    const m = await loadMembership(storage, principal, params.classId);
    const limit = query.limit ?? LIMITS.pageSizeDefault;
    const rows = await storage.members.list(m.cls.id, limit, decodeCursor(query.cursor));
    const page = toPage(rows, limit, (r) => ({ at: r.joined_at, id: r.user_id }));
    return { items: page.items.map(presentMember), nextCursor: page.nextCursor };
  });

  bindOperation(server, deps, operations.setMemberRole, async ({ principal, params, body }) => {
    const row = await memberRoleChanger({
      storage,
      principal,
      classId: params.classId,
      userId: params.userId,
      role: body.role,
    });
    await recordAudit(app, {
      tenantId: principal.tenantId,
      actorId: principal.userId,
      action: 'member_role_changed',
      classId: params.classId,
      subject: params.userId,
      details: { role: body.role },
    });
    return presentMember(row);
  });

  bindOperation(server, deps, operations.leaveClass, async ({ principal, params }) => {
    await classLeaver({ storage, principal, classId: params.classId });
    return { ok: true as const };
  });
}
