import { canFacilitate } from '../../contract/classes';
import type { Viewer } from '../../contract/rounds';
import type { Principal } from '../auth/principal';
import { loadMembership, type Membership } from '../commands/access';
import { NotFoundError, RoleError, ServiceError } from '../errors';
import { parseSettings } from '../presenters';
import type { Storage } from '../storage/stores';
import type { Rounds } from '.';
import type { RoundMeta } from './roundLog';
import { isReservedUserId } from './roundPresenter';

export interface RoundAccess extends Membership {
  meta: RoundMeta;
  /** The caller as a round viewer: owners and facilitators facilitate, everyone else is a student. */
  viewer: Viewer;
}

/** Refuses the ids the service uses for its own viewers and timer, so no person can act or see as them. */
export function assertOrdinaryUser(principal: Principal): void {
  if (isReservedUserId(principal.userId)) {
    throw new ServiceError('forbidden', 'This account cannot take part in rounds.');
  }
}

/**
 * Loads a round and the caller's membership of its class. Another tenant's round, a round of a class the
 * caller is not in and an unknown id all answer 404, so ids cannot be probed.
 */
export async function loadRoundAccess(
  storage: Storage,
  rounds: Rounds,
  principal: Principal,
  roundId: string,
  need: 'member' | 'facilitator' = 'member',
): Promise<RoundAccess> {
  assertOrdinaryUser(principal);
  const meta = await rounds.engine.meta(roundId);
  if (!meta || meta.tenantId !== principal.tenantId) throw new NotFoundError('round');
  const m = await loadMembership(storage, principal, meta.classId).catch((err: unknown) => {
    throw err instanceof NotFoundError ? new NotFoundError('round') : err;
  });
  if (need === 'facilitator' && !canFacilitate(m.role)) throw new RoleError('facilitator');
  rounds.settings.put(m.cls.id, parseSettings(m.cls.settings));
  const viewer: Viewer = {
    userId: principal.userId,
    role: canFacilitate(m.role) ? 'facilitator' : 'student',
  };
  return { ...m, meta, viewer };
}
