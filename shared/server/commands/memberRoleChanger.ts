import type { Role } from '../../contract/classes';
import type { Principal } from '../auth/principal';
import { ConflictError, NotFoundError, RoleError } from '../errors';
import type { Storage } from '../storage/stores';
import type { MemberRow } from '../storage/stores/memberStore';
import { loadAsFacilitator } from './access';

export interface MemberRoleChangerProps {
  storage: Storage;
  principal: Principal;
  classId: string;
  userId: string;
  role: Role;
}

/**
 * Changes a member's role. Owners and facilitators may make facilitators and students; only owners grant
 * or take away ownership, and the last owner cannot be demoted.
 */
export async function memberRoleChanger(props: MemberRoleChangerProps): Promise<MemberRow> {
  const { storage, principal, classId, userId, role } = props;
  const me = await loadAsFacilitator(storage, principal, classId);
  const target = await storage.members.find(me.cls.id, userId);
  if (!target) throw new NotFoundError('member');
  const touchesOwner = role === 'owner' || target.role === 'owner';
  if (touchesOwner && me.role !== 'owner') throw new RoleError('owner');
  if (target.role === role) return target;
  return storage.transaction(async (stores) => {
    if (target.role === 'owner' && (await stores.members.countOwners(me.cls.id)) <= 1) {
      throw new ConflictError(
        'last_owner',
        'A class needs at least one owner; make someone else owner first.',
      );
    }
    await stores.members.setRole(me.cls.id, userId, role);
    return { ...target, role };
  });
}
