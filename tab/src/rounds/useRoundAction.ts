import { useCallback, useState } from 'react';
import type { RoundEventInput } from '../../../shared/contract/rounds/events';
import type { RoundView } from '../../../shared/contract/rounds/viewSchemas';
import type { TabApi } from '../api/tabApi';

/** Events whose retries the service recognises by key (votes, questions, answers, ratings, points). */
const KEYED = new Set([
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

function newKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Sends events to one round. The view the service answers with is applied at once, so the person sees
 * their own action without waiting for the stream; writes carry an idempotency key so a retry is harmless.
 */
export function useRoundAction(api: TabApi, roundId: string, onView: (view: RoundView) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const send = useCallback(
    async (event: RoundEventInput): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        const idempotencyKey = KEYED.has(event.type) ? newKey() : undefined;
        const body = idempotencyKey ? { event, idempotencyKey } : { event };
        const res = await api.call('sendRoundEvent', { params: { roundId }, body });
        onView(res.view);
        return true;
      } catch (err) {
        setError(err);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [api, roundId, onView],
  );

  return { send, busy, error, clearError: () => setError(null) };
}
