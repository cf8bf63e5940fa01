import { operations } from '../../../contract/api';
import type { Backstage } from '../../backstage';
import {
  auditModeration,
  loadModerationSettings,
  saveModerationSettings,
} from '../../backstage/classModeration';
import { moderatePost, moderationQueue, pauseMember, reportPost } from '../../backstage/moderationCommands';
import { loadAsFacilitator, loadSessionAccess } from '../../commands/access';
import type { AppContext } from '../../context';
import { NotFoundError } from '../../errors';
import { bindOperation } from '../../http/route';

/** Moderation: reports from members; approve, hide, restore, settings, pauses and the queue for facilitators. */
export function moderationRoutes(app: AppContext, backstage: Backstage): void {
  const { server, routeDeps: deps, storage } = app;
  const { store } = backstage;

  bindOperation(server, deps, operations.reportPost, async ({ principal, params, body }) => {
    const { session } = await loadSessionAccess(storage, principal, params.sessionId);
    await reportPost(backstage.deps, session, principal.userId, body, Date.now());
    return { reported: true as const };
  });

  bindOperation(server, deps, operations.moderatePost, async ({ principal, params, body }) => {
    const { session } = await loadSessionAccess(storage, principal, params.sessionId, 'facilitator');
    return moderatePost(backstage.deps, session, principal.userId, body, Date.now());
  });

  bindOperation(server, deps, operations.getModerationQueue, async ({ principal, params }) => {
    const { cls } = await loadAsFacilitator(storage, principal, params.classId);
    return moderationQueue(store, cls.id, Date.now());
  });

  bindOperation(server, deps, operations.getModerationSettings, async ({ principal, params }) => {
    const { cls } = await loadAsFacilitator(storage, principal, params.classId);
    return loadModerationSettings(store.db, cls.id);
  });

  bindOperation(server, deps, operations.setModerationSettings, async ({ principal, params, body }) => {
    const { cls } = await loadAsFacilitator(storage, principal, params.classId);
    const now = Date.now();
    const words = [...new Set(body.words.map((w) => w.toLowerCase()))];
    await saveModerationSettings(store.db, cls, { queueAll: body.queueAll, words }, now);
    await auditModeration(store.db, {
      classId: cls.id,
      tenantId: cls.tenant_id,
      sessionId: null,
      actorId: principal.userId,
      action: 'settings',
      detail: JSON.stringify({ queueAll: body.queueAll, words: words.length }),
      at: now,
    });
    return { queueAll: body.queueAll, words };
  });

  bindOperation(server, deps, operations.pauseMember, async ({ principal, params, body }) => {
    const { cls } = await loadAsFacilitator(storage, principal, params.classId);
    const member = await storage.members.find(cls.id, params.userId);
    if (!member) throw new NotFoundError('member');
    const until = await pauseMember(store, cls, principal.userId, params.userId, body.minutes, Date.now());
    return { until };
  });
}
