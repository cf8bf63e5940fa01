import type { Role } from '../../contract/classes';
import { canFacilitate } from '../../contract/classes';
import type { Principal } from '../auth/principal';
import { NotFoundError, RoleError } from '../errors';
import type { Stores } from '../storage/stores';
import type { ClassRow } from '../storage/stores/classStore';
import type { MemberRow } from '../storage/stores/memberStore';
import type { SessionRow } from '../storage/stores/sessionStore';

export interface Membership {
  cls: ClassRow;
  member: MemberRow;
  role: Role;
}

/**
 * Loads a class the principal belongs to. Another tenant's class and a class the caller is not in look
 * the same from outside (404), so ids cannot be probed.
 */
export async function loadMembership(
  stores: Stores,
  principal: Principal,
  classId: string,
): Promise<Membership> {
  const cls = await stores.classes.findById(principal.tenantId, classId);
  const member = cls ? await findMember(stores, principal, cls) : undefined;
  if (!cls || !member) throw new NotFoundError('class');
  return { cls, member, role: member.role as Role };
}

/**
 * The caller's membership of a class. When the bot acts for someone in the very conversation the class
 * is bound to, it vouches that they belong (as `ensureClass` does), so they join as a student here and
 * then: a student's first action on a round card costs one insert, not a failed call and a join.
 */
export async function findMember(
  stores: Stores,
  principal: Principal,
  cls: ClassRow,
): Promise<MemberRow | undefined> {
  const member = await stores.members.find(cls.id, principal.userId);
  if (member || principal.via !== 'bot' || !principal.conversationId) return member;
  if (cls.conversation_id !== principal.conversationId) return undefined;
  const row: MemberRow = {
    class_id: cls.id,
    tenant_id: cls.tenant_id,
    user_id: principal.userId,
    name: principal.name,
    role: 'student',
    // The bot saw them in the class's conversation: Teams vouches for the membership.
    role_source: 'teams',
    teams_basis: 'member',
    joined_at: Date.now(),
  };
  // The row just added is the member; only when another request added them first is it read back.
  if (await stores.members.insertIfMissing(row)) return row;
  return stores.members.find(cls.id, principal.userId);
}

/** As `loadMembership`, and the caller must be an owner or facilitator. */
export async function loadAsFacilitator(
  stores: Stores,
  principal: Principal,
  classId: string,
): Promise<Membership> {
  const m = await loadMembership(stores, principal, classId);
  if (!canFacilitate(m.role)) throw new RoleError('facilitator');
  return m;
}

/**
 * Loads a session and the caller's membership of its class; to outsiders a session is simply not found.
 * With `need: 'facilitator'` a student gets `insufficient_role`.
 */
export async function loadSessionAccess(
  stores: Stores,
  principal: Principal,
  sessionId: string,
  need: 'member' | 'facilitator' = 'member',
): Promise<Membership & { session: SessionRow }> {
  const session = await stores.sessions.findById(principal.tenantId, sessionId);
  const cls = session ? await stores.classes.findById(principal.tenantId, session.class_id) : undefined;
  const member = cls ? await findMember(stores, principal, cls) : undefined;
  if (!session || !member || !cls) throw new NotFoundError('session');
  const role = member.role as Role;
  if (need === 'facilitator' && !canFacilitate(role)) throw new RoleError('facilitator');
  return { cls, member, role, session };
}
