import type { Principal } from '../auth/principal';
import { ConflictError } from '../errors';
import type { Storage } from '../storage/stores';
import { loadMembership } from './access';

/** Removes the caller from a class; the last owner must hand over ownership first. */
export async function classLeaver(props: {
  storage: Storage;
  principal: Principal;
  classId: string;
}): Promise<void> {
  const { storage, principal, classId } = props;
  const me = await loadMembership(storage, principal, classId);
  await storage.transaction(async (stores) => {
    if (me.role === 'owner' && (await stores.members.countOwners(me.cls.id)) <= 1) {
      throw new ConflictError(
        'last_owner',
        'You are the last owner; make someone else owner before leaving.',
      );
    }
    await stores.members.remove(me.cls.id, principal.userId);
  });
}
