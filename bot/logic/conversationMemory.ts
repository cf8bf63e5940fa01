import type { StoaClient } from '../../shared/client/client';
import type { Who } from './types';

/** A stored reference changes rarely (a new service URL); storing it again within this time is skipped. */
const REMEMBER_AGAIN_MS = 10 * 60_000;
const MAX_CLASSES = 10_000;

/**
 * Stores each class's conversation reference in the service, skipping repeats of the same reference within
 * ten minutes. The map is only a cache: a new process stores on its first turn again, so nothing is lost
 * by restarting. Failures are reported and swallowed: remembering must never break a turn.
 */
export function createConversationMemory(
  clientFor: (who: Who) => StoaClient,
  onError: (err: unknown, classId: string) => void,
) {
  const stored = new Map<string, { json: string; at: number }>();
  return async (who: Who, classId: string, reference: Record<string, unknown>): Promise<void> => {
    const json = JSON.stringify(reference);
    const now = Date.now();
    const hit = stored.get(classId);
    if (hit && hit.json === json && now - hit.at < REMEMBER_AGAIN_MS) return;
    if (stored.size >= MAX_CLASSES) stored.delete(stored.keys().next().value!);
    stored.set(classId, { json, at: now });
    try {
      await clientFor(who).call('putConversationReference', { params: { classId }, body: { reference } });
    } catch (err) {
      stored.delete(classId);
      onError(err, classId);
    }
  };
}
