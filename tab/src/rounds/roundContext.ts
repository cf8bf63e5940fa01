import { canFacilitate } from '../../../shared/contract/roles';
import type { SessionId } from '../../../shared/contract/ids';
import type { Session } from '../../../shared/contract/sessions';
import type { TabApi } from '../api/tabApi';
import type { RoundRole } from './roundState';

/** The session and the person's role in its class, which decides the views the round panel follows. */
export async function loadRoundContext(
  api: TabApi,
  sessionId: SessionId,
): Promise<{ session: Session; role: RoundRole }> {
  const session = await api.call('getSession', { params: { sessionId } });
  const cls = await api.call('getClass', { params: { classId: session.classId } });
  const role: RoundRole = canFacilitate(cls.myRole) ? 'facilitator' : 'student';
  return { session, role };
}
