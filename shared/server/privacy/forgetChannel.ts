import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Revocation } from '../auth/revocations';

/**
 * What every instance must let go of: rounds whose stored log was rewritten (an erasure; a cached state
 * would otherwise keep serving the old identity), sessions that were deleted (retention; their open
 * notes and event streams are closed), and erased people (their tokens are refused, their open editors
 * and event streams closed; named by the hash of their id only).
 */
export interface ForgetMessage {
  rounds: string[];
  sessions: string[];
  users?: Revocation[];
}

/** Tells every instance what to forget. */
export interface ForgetChannel {
  announce(message: ForgetMessage): Promise<void>;
  close(): Promise<void>;
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

const revocations = (v: unknown): Revocation[] =>
  Array.isArray(v)
    ? v.filter(
        (x): x is Revocation =>
          typeof x === 'object' &&
          x !== null &&
          typeof (x as Revocation).hash === 'string' &&
          typeof (x as Revocation).at === 'number' &&
          typeof (x as Revocation).until === 'number',
      )
    : [];

/** A message off the wire; a bare array is the older form (round ids only). */
function parseMessage(text: string): ForgetMessage {
  const value: unknown = JSON.parse(text);
  if (Array.isArray(value)) return { rounds: strings(value), sessions: [] };
  const o = (value ?? {}) as { rounds?: unknown; sessions?: unknown; users?: unknown };
  return { rounds: strings(o.rounds), sessions: strings(o.sessions), users: revocations(o.users) };
}

const CHANNEL = 'stoa:privacy:forget-rounds';

/** This instance only (no Redis: there is no other instance to tell). */
export function localForgetChannel(forget: (message: ForgetMessage) => void): ForgetChannel {
  return {
    announce: async (message) => forget(message),
    close: async () => undefined,
  };
}

/** Over Redis pub/sub: every instance, this one included, forgets when the message comes back. */
export async function redisForgetChannel(
  url: string,
  log: Logger,
  forget: (message: ForgetMessage) => void,
): Promise<ForgetChannel> {
  const options = { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false };
  const pub = new Redis(url, options);
  const sub = new Redis(url, { ...options, enableOfflineQueue: true });
  for (const conn of [pub, sub]) {
    conn.on('error', (err: Error) => log.warn({ err: err.message }, 'privacy: redis error'));
  }
  await Promise.all([pub.connect(), sub.connect()]);
  await sub.subscribe(CHANNEL);
  sub.on('message', (_channel: string, message: string) => {
    try {
      forget(parseMessage(message));
    } catch (err) {
      log.warn({ err }, 'privacy: dropped a malformed forget message');
    }
  });
  return {
    announce: async (message) => {
      // This instance forgets at once either way; the message reaches the others.
      forget(message);
      const users = message.users ?? [];
      if (message.rounds.length === 0 && message.sessions.length === 0 && users.length === 0) return;
      try {
        // Round ids alone go as the older bare array, which instances not yet upgraded understand.
        const body = message.sessions.length === 0 && users.length === 0 ? message.rounds : message;
        await pub.publish(CHANNEL, JSON.stringify(body));
      } catch (err) {
        log.error({ err }, 'privacy: could not tell other instances what to forget');
      }
    },
    close: async () => {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
