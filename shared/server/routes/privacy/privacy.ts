import { operations } from '../../../contract/api';
import { LIMITS } from '../../../contract/limits';
import type { RetentionOverview } from '../../../contract/privacy';
import type { AppContext } from '../../context';
import { NotFoundError, ServiceError } from '../../errors';
import { bindOperation } from '../../http/route';
import type { Privacy } from '../../privacy';
import { requireTenantAdmin, selfErasureAllowed } from '../../privacy/admins';
import { presentAuditEntry } from '../../privacy/auditTrail';
import { buildPersonalExport, emptyExport } from '../../privacy/personalExport';
import { listPolicies, planRetention, setPolicy } from '../../privacy/retention';
import { eraseUser } from '../../privacy/userEraser';
import { decodeCursor, toPage } from '../../storage/cursor';

/** Export, erasure, the audit trail and retention: for the person themself and for tenant administrators. */
export function privacyRoutes(app: AppContext, privacy: Privacy): void {
  const { server, routeDeps: deps, env } = app;
  const p = privacy.deps;

  const overview = async (tenantId: string): Promise<RetentionOverview> => ({
    deploymentDefaultDays: env.RETENTION_DEFAULT_DAYS > 0 ? env.RETENTION_DEFAULT_DAYS : null,
    auditDays: env.AUDIT_RETENTION_DAYS,
    policies: await listPolicies(p, tenantId),
    dryRun: (await planRetention(p, Date.now(), tenantId)).map(({ tenantId: _t, ...c }) => c),
  });

  bindOperation(server, deps, operations.exportMyData, async ({ principal }) => {
    const { tenantId, userId } = principal;
    const data = (await buildPersonalExport(p, tenantId, userId)) ?? emptyExport(tenantId, userId);
    await privacy.audit.record({ tenantId, actorId: userId, action: 'data_exported', subject: userId });
    return data;
  });

  bindOperation(server, deps, operations.eraseMyData, async ({ principal }) => {
    if (!selfErasureAllowed(principal.tenantId, env)) {
      throw new ServiceError(
        'forbidden',
        'Your institution handles erasure requests through its administrators; ask them.',
      );
    }
    return eraseUser(p, {
      tenantId: principal.tenantId,
      userId: principal.userId,
      actorId: principal.userId,
    });
  });

  bindOperation(server, deps, operations.exportUserData, async ({ principal, params }) => {
    requireTenantAdmin(principal, env);
    // Only the administrator's own tenant is searched: another tenant's user is simply not found.
    const data = await buildPersonalExport(p, principal.tenantId, params.userId);
    if (!data) throw new NotFoundError('user');
    await privacy.audit.record({
      tenantId: principal.tenantId,
      actorId: principal.userId,
      action: 'data_exported',
      subject: params.userId,
    });
    return data;
  });

  bindOperation(server, deps, operations.eraseUser, async ({ principal, params }) => {
    requireTenantAdmin(principal, env);
    return eraseUser(p, { tenantId: principal.tenantId, userId: params.userId, actorId: principal.userId });
  });

  bindOperation(server, deps, operations.listAuditEntries, async ({ principal, query }) => {
    requireTenantAdmin(principal, env);
    const limit = query.limit ?? LIMITS.pageSizeDefault;
    const rows = await privacy.audit.list(principal.tenantId, limit, decodeCursor(query.cursor));
    const page = toPage(rows, limit, (r) => ({ at: r.at, id: r.id }));
    return { items: page.items.map(presentAuditEntry), nextCursor: page.nextCursor };
  });

  bindOperation(server, deps, operations.getRetention, async ({ principal }) => {
    requireTenantAdmin(principal, env);
    return overview(principal.tenantId);
  });

  bindOperation(server, deps, operations.setRetentionPolicy, async ({ principal, body }) => {
    requireTenantAdmin(principal, env);
    if (body.classId !== null) {
      const cls = await app.storage.classes.findById(principal.tenantId, body.classId);
      if (!cls) throw new NotFoundError('class');
    }
    await setPolicy(p, principal.tenantId, body.classId, body.days, principal.userId);
    await privacy.audit.record({
      tenantId: principal.tenantId,
      actorId: principal.userId,
      action: 'retention_policy_changed',
      classId: body.classId,
      details: { days: body.days },
    });
    return overview(principal.tenantId);
  });
}
