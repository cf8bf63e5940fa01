import type { z } from 'zod';
import type { ClassId, SessionId } from '../../contract/ids';
import { createRound, type RoundEventInput, type RoundId, type RoundView } from '../../contract/rounds';
import type { RoundStartRequestSchema } from '../../contract/roundsApi';
import type { Principal } from '../auth/principal';
import { loadSessionAccess } from '../commands/access';
import { ConflictError } from '../errors';
import { parseSettings } from '../presenters';
import { newId } from '../storage/ids';
import type { Storage } from '../storage/stores';
import type { Rounds } from '.';
import { assertOrdinaryUser } from './roundAccess';
import { refusalError } from './roundErrors';
import { presentRound } from './roundPresenter';

export interface RoundStarterProps {
  storage: Storage;
  rounds: Rounds;
  principal: Principal;
  sessionId: string;
  request: z.output<typeof RoundStartRequestSchema>;
}

/**
 * Creates a round in a live session (facilitators only) and, unless asked not to, starts it at once with
 * the roster the caller knows. Answers with the round as the facilitator sees it.
 */
export async function roundStarter({
  storage,
  rounds,
  principal,
  sessionId,
  request,
}: RoundStarterProps): Promise<RoundView> {
  assertOrdinaryUser(principal);
  const { session, cls } = await loadSessionAccess(storage, principal, sessionId, 'facilitator');
  if (session.status !== 'live') {
    throw new ConflictError('session_ended', 'This session has ended; rounds run in a live session.');
  }
  const now = rounds.clock();
  const id = newId('rnd');
  let state = createRound(request.round, {
    id: id as RoundId,
    sessionId: session.id as SessionId,
    classId: cls.id as ClassId,
    createdBy: principal.userId,
    now,
  });
  await rounds.engine.create(
    {
      id,
      session_id: session.id,
      class_id: cls.id,
      tenant_id: cls.tenant_id,
      kind: state.kind,
      phase: state.phase,
      deadline_at: state.deadline,
      snapshot: JSON.stringify(state),
      snapshot_seq: 0,
      phase_seq: 0,
      lease_until: null,
      lease_owner: null,
      card_conversation_id: null,
      card_activity_id: null,
      created_by: principal.userId,
      created_at: now,
      updated_at: now,
    },
    state,
  );
  const viewer = { userId: principal.userId, role: 'facilitator' as const };
  if (request.start) {
    const start: RoundEventInput = {
      type: 'start',
      ...(request.roster ? { roster: request.roster } : {}),
      ...(request.eligibleCount !== undefined ? { eligibleCount: request.eligibleCount } : {}),
    };
    const outcome = await rounds.engine.submit(id, {
      event: start,
      actor: { ...viewer, name: principal.name },
      key: null,
    });
    if (outcome.kind === 'refused') throw refusalError(outcome.refusal);
    state = outcome.state;
  }
  const settings = parseSettings(cls.settings);
  rounds.settings.put(cls.id, settings);
  return presentRound(state, viewer, settings, rounds.clock());
}
