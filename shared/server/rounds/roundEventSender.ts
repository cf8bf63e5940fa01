import type { z } from 'zod';
import type { RoundEvent, RoundView } from '../../contract/rounds';
import type { RoundEventRequestSchema } from '../../contract/roundsApi';
import type { Principal } from '../auth/principal';
import { parseSettings } from '../presenters';
import type { Storage } from '../storage/stores';
import type { Rounds } from '.';
import { askContext } from './noteWriter';
import { screenWordcloudEntry } from './wordcloudScreen';
import { loadRoundAccess } from './roundAccess';
import { refusalError } from './roundErrors';
import { presentRound } from './roundPresenter';

export interface RoundEventSenderProps {
  storage: Storage;
  rounds: Rounds;
  principal: Principal;
  roundId: string;
  request: z.output<typeof RoundEventRequestSchema>;
}

type Keyed = Extract<RoundEvent, { idempotencyKey?: string | undefined }>;
const KEYED = new Set<RoundEvent['type']>([
  'answer',
  'revote',
  'ask',
  'vote',
  'answerQuestion',
  'rate',
  'submitMuddy',
  'pollAnswer',
  'submitWord',
]);
const isKeyed = (e: RoundEvent): e is Keyed => KEYED.has(e.type);

/**
 * Applies one event for the caller, as a facilitator or a student according to their class role (the state
 * machine checks which events each may send). With an idempotency key (in the request or the event) a
 * retry answers like the first request with `duplicate: true` and changes nothing.
 */
export async function roundEventSender({
  storage,
  rounds,
  principal,
  roundId,
  request,
}: RoundEventSenderProps): Promise<{ view: RoundView; duplicate: boolean }> {
  const access = await loadRoundAccess(storage, rounds, principal, roundId);
  let event = request.event;
  const own = isKeyed(event) ? event.idempotencyKey : undefined;
  const key = request.idempotencyKey ?? own ?? null;
  // The state machine recognises retries by the event's own key, so the request's key is copied into it.
  if (isKeyed(event) && own === undefined && key !== null) event = { ...event, idempotencyKey: key };
  const context =
    event.type === 'ask'
      ? { notes: await askContext(rounds.notes, access.meta.sessionId, event.text) }
      : event.type === 'submitWord' && screenWordcloudEntry(event.text).held
        ? { held: true }
        : undefined;
  const outcome = await rounds.engine.submit(access.meta.id, {
    event,
    actor: { userId: principal.userId, role: access.viewer.role, name: principal.name },
    key,
    ...(context ? { context } : {}),
  });
  if (outcome.kind === 'refused') throw refusalError(outcome.refusal);
  const view = presentRound(outcome.state, access.viewer, parseSettings(access.cls.settings), rounds.clock());
  return { view, duplicate: outcome.kind === 'duplicate' };
}
