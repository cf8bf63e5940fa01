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
  const member = cls ? await stores.members.find(cls.id, principal.userId) : undefined;
  if (!cls || !member) throw new NotFoundError('class');
  return { cls, member, role: member.role as Role };
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
  const member = session ? await stores.members.find(session.class_id, principal.userId) : undefined;
  const cls =
    session && member ? await stores.classes.findById(principal.tenantId, session.class_id) : undefined;
  if (!session || !member || !cls) throw new NotFoundError('session');
  const role = member.role as Role;
  if (need === 'facilitator' && !canFacilitate(role)) throw new RoleError('facilitator');
  return { cls, member, role, session };
}
