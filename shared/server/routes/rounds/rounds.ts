import { operations } from '../../../contract/api';
import { canFacilitate } from '../../../contract/classes';
import { roundAnalytics, sessionAnalytics } from '../../../contract/rounds';
import { loadSessionAccess } from '../../commands/access';
import type { AppContext } from '../../context';
import { bindOperation } from '../../http/route';
import { parseSettings } from '../../presenters';
import type { Rounds } from '../../rounds';
import { assertOrdinaryUser, loadRoundAccess } from '../../rounds/roundAccess';
import { roundEventSender } from '../../rounds/roundEventSender';
import { presentRound } from '../../rounds/roundPresenter';
import { roundStarter } from '../../rounds/roundStarter';

/** Rounds: start, list, view, events, analytics. */
export function roundRoutes(app: AppContext, rounds: Rounds): void {
  const { server, routeDeps: deps, storage } = app;

  bindOperation(server, deps, operations.startRound, async ({ principal, params, body }) =>
    roundStarter({ storage, rounds, principal, sessionId: params.sessionId, request: body }),
  );

  bindOperation(server, deps, operations.listRounds, async ({ principal, params }) => {
    assertOrdinaryUser(principal);
    const { session, cls, role } = await loadSessionAccess(storage, principal, params.sessionId);
    const viewer = {
      userId: principal.userId,
      role: canFacilitate(role) ? 'facilitator' : 'student',
    } as const;
    const settings = parseSettings(cls.settings);
    const rows = await rounds.store.listBySession(session.id);
    const states = await Promise.all(rows.map((r) => rounds.engine.read(r.id)));
    const now = rounds.clock();
    return { items: states.map((s) => presentRound(s, viewer, settings, now)) };
  });

  bindOperation(server, deps, operations.getRound, async ({ principal, params }) => {
    const access = await loadRoundAccess(storage, rounds, principal, params.roundId);
    const state = await rounds.engine.read(access.meta.id);
    return presentRound(state, access.viewer, parseSettings(access.cls.settings), rounds.clock());
  });

  bindOperation(server, deps, operations.sendRoundEvent, async ({ principal, params, body }) =>
    roundEventSender({ storage, rounds, principal, roundId: params.roundId, request: body }),
  );

  bindOperation(server, deps, operations.getRoundAnalytics, async ({ principal, params }) => {
    const access = await loadRoundAccess(storage, rounds, principal, params.roundId, 'facilitator');
    return roundAnalytics(await rounds.engine.read(access.meta.id));
  });

  bindOperation(server, deps, operations.getSessionAnalytics, async ({ principal, params }) => {
    assertOrdinaryUser(principal);
    const { session } = await loadSessionAccess(storage, principal, params.sessionId, 'facilitator');
    const rows = await rounds.store.listBySession(session.id);
    return sessionAnalytics(await Promise.all(rows.map((r) => rounds.engine.read(r.id))));
  });
}
