import { randomBytes } from 'node:crypto';
import { operations } from '../../../contract/api';
import type { JoinLink, Role } from '../../../contract/classes';
import { loadAsFacilitator } from '../../commands/access';
import type { AppContext } from '../../context';
import { NotFoundError } from '../../errors';
import { bindOperation } from '../../http/route';
import { presentClass } from '../../presenters';
import { recordAudit } from '../../privacy';
import type { ClassRow } from '../../storage/stores/classStore';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** 26 characters from 36: 134 bits, so a link cannot be guessed, and short enough for a dense-free QR code. */
function newJoinToken(): string {
  let out = '';
  for (const b of randomBytes(26)) out += ALPHABET[b % 36];
  return out;
}

/**
 * A deep link that opens the class's tab in Teams (the entity id the configuration page saves), when the
 * app id is configured and the class lives in a channel or chat.
 */
function teamsDeepLink(appId: string | undefined, cls: ClassRow): string | null {
  if (!appId || !cls.conversation_id) return null;
  const entityId = `stoa-class-${cls.id}`;
  const context =
    cls.conversation_kind === 'channel'
      ? { channelId: cls.channel_id ?? cls.conversation_id }
      : { chatId: cls.conversation_id, contextType: 'chat' };
  return (
    `https://teams.microsoft.com/l/entity/${encodeURIComponent(appId)}/${encodeURIComponent(entityId)}` +
    `?context=${encodeURIComponent(JSON.stringify(context))}`
  );
}

/** Join links: facilitators get (and rotate) the link; anyone signed in in the tenant follows it. */
export function joinLinkRoutes(app: AppContext): void {
  const { server, routeDeps: deps, storage } = app;
  const present = (cls: ClassRow, token: string): JoinLink => ({
    token,
    path: `/join/${token}`,
    teamsDeepLink: teamsDeepLink(app.env.TEAMS_APP_ID, cls),
  });

  bindOperation(server, deps, operations.getJoinLink, async ({ principal, params }) => {
    const { cls } = await loadAsFacilitator(storage, principal, params.classId);
    if (cls.join_token) return present(cls, cls.join_token);
    // Made on first use; two facilitators asking at once both get the one that was stored.
    await storage.database.db
      .updateTable('classes')
      .set({ join_token: newJoinToken() })
      .where('id', '=', cls.id)
      .where('join_token', 'is', null)
      .execute();
    const fresh = await storage.classes.findById(cls.tenant_id, cls.id);
    return present(cls, fresh!.join_token!);
  });

  bindOperation(server, deps, operations.rotateJoinLink, async ({ principal, params }) => {
    const { cls } = await loadAsFacilitator(storage, principal, params.classId);
    const token = newJoinToken();
    await storage.classes.setJoinToken(cls.id, token);
    await recordAudit(app, {
      tenantId: principal.tenantId,
      actorId: principal.userId,
      action: 'join_link_rotated',
      classId: cls.id,
      subject: null,
      details: {},
    });
    return present(cls, token);
  });

  bindOperation(server, deps, operations.joinByLink, async ({ principal, params }) => {
    const cls = await storage.classes.findByJoinToken(params.token);
    // Another tenant's link is simply not found: classes never cross tenants.
    if (!cls || cls.tenant_id !== principal.tenantId) throw new NotFoundError('join link');
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
}
