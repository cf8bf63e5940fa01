import { randomUUID } from 'node:crypto';
import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Scale-out of notes across service instances: Hocuspocus' Redis extension relays every document's sync
 * and presence messages between the instances that have it open. Its priority (1000) puts it before our
 * extensions, which is what it needs to intercept store hooks; storage itself is ours (shared database).
 */
export function createRedisExtension(
  url: string,
  log: Logger,
): {
  extension: RedisExtension;
  ping(): Promise<void>;
  /** Tells every instance that a note's access rules changed (lock), so each re-reads them now. */
  publishAccess(sessionId: string): void;
  /** Listens for access changes published by any instance. */
  onAccess(listener: (sessionId: string) => void): void;
} {
  const clients: Redis[] = [];
  const extension = new RedisExtension({
    prefix: 'stoa:notes',
    identifier: `stoa-${randomUUID()}`,
    createClient: () => {
      const client = new Redis(url, { maxRetriesPerRequest: null });
      // An unhandled 'error' event would end the process; ioredis reconnects by itself.
      client.on('error', (err: Error) => log.warn({ err: err.message }, 'notes: redis error'));
      clients.push(client);
      return client;
    },
  });
  // Its store lock only serialises `onStoreDocument` across instances, which our storage does not use (the
  // update log takes concurrent appends); without it no instance logs a lost lock race on every store.
  Object.defineProperty(extension, 'onStoreDocument', { value: undefined });
  // Access changes (a facilitator locks the notes) ride their own channel: Hocuspocus relays messages to
  // clients, but an instance must also switch its own connections to read-only at once.
  const channel = 'stoa:notes:access';
  const pub = new Redis(url, { maxRetriesPerRequest: null });
  const sub = new Redis(url, { maxRetriesPerRequest: null });
  for (const c of [pub, sub]) {
    c.on('error', (err: Error) => log.warn({ err: err.message }, 'notes: redis error'));
  }
  const listeners: Array<(sessionId: string) => void> = [];
  void sub.subscribe(channel).catch((err: unknown) => log.warn({ err }, 'notes: access channel failed'));
  sub.on('message', (_channel: string, sessionId: string) => {
    for (const l of listeners) l(sessionId);
  });
  const destroy = extension.onDestroy.bind(extension);
  extension.onDestroy = async () => {
    pub.disconnect(false);
    sub.disconnect(false);
    await destroy();
  };
  return {
    extension,
    ping: async () => {
      await clients[0]?.ping();
    },
    publishAccess: (sessionId) => {
      void pub
        .publish(channel, sessionId)
        .catch((err: unknown) => log.warn({ err }, 'notes: access publish failed'));
    },
    onAccess: (listener) => listeners.push(listener),
  };
}
