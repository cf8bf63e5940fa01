import { StoaApiError } from '../../../shared/client/errors';
import { ensureClass } from '../classes';
import type { Turn } from '../types';

/**
 * Runs a call as the turn's user and, when the service does not know them in the class (a student who
 * never wrote to the bot and acts on a card first), joins them through the conversation's class and
 * tries once more. Outsiders stay outsiders: the class joined is the one of the conversation they are in.
 */
export async function asMember<T>(turn: Turn, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof StoaApiError) || err.id !== 'not_found') throw err;
    await ensureClass(turn.deps, turn.who, turn.conversation, turn.standing);
    return call();
  }
}
