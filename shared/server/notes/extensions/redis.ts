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
): { extension: RedisExtension; ping(): Promise<void> } {
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
  return {
    extension,
    ping: async () => {
      await clients[0]?.ping();
    },
  };
}
