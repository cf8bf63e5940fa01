import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Tells every instance to drop rounds from its in-memory cache after their stored log was rewritten (an
 * erasure): a cached state would otherwise keep serving the old identity on the other instances.
 */
export interface ForgetChannel {
  announce(roundIds: string[]): Promise<void>;
  close(): Promise<void>;
}

const CHANNEL = 'stoa:privacy:forget-rounds';

/** This instance only (no Redis: there is no other instance to tell). */
export function localForgetChannel(forget: (ids: string[]) => void): ForgetChannel {
  return {
    announce: async (ids) => forget(ids),
    close: async () => undefined,
  };
}

/** Over Redis pub/sub: every instance, this one included, forgets when the message comes back. */
export async function redisForgetChannel(
  url: string,
  log: Logger,
  forget: (ids: string[]) => void,
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
      const ids: unknown = JSON.parse(message);
      if (Array.isArray(ids)) forget(ids.filter((id): id is string => typeof id === 'string'));
    } catch (err) {
      log.warn({ err }, 'privacy: dropped a malformed forget message');
    }
  });
  return {
    announce: async (ids) => {
      // This instance forgets at once either way; the message reaches the others.
      forget(ids);
      if (ids.length === 0) return;
      try {
        await pub.publish(CHANNEL, JSON.stringify(ids));
      } catch (err) {
        log.error({ err }, 'privacy: could not tell other instances to drop erased rounds');
      }
    },
    close: async () => {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
