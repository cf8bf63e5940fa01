import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { StoredEvent } from './eventStore';

export type EventListener = (event: StoredEvent) => void;

/** Fan-out of stored events to the subscribers of a session, on this instance and (with Redis) on all. */
export interface EventBus {
  publish(event: StoredEvent): Promise<void>;
  subscribe(sessionId: string, listener: EventListener): () => void;
  /** Throws when the bus cannot deliver across instances (Redis down). */
  check(): Promise<void>;
  close(): Promise<void>;
}

class LocalFanout {
  private readonly emitter = new EventEmitter();
  constructor() {
    // One listener per open stream; thousands per session are expected.
    this.emitter.setMaxListeners(0);
  }
  deliver(event: StoredEvent): void {
    this.emitter.emit(event.sessionId, event);
  }
  subscribe(sessionId: string, listener: EventListener): () => void {
    this.emitter.on(sessionId, listener);
    return () => this.emitter.off(sessionId, listener);
  }
}

/** Single-instance bus. */
export function createMemoryBus(): EventBus {
  const local = new LocalFanout();
  return {
    publish: async (event) => local.deliver(event),
    subscribe: (id, l) => local.subscribe(id, l),
    check: async () => undefined,
    close: async () => undefined,
  };
}

const CHANNEL = 'stoa:session-events';

/**
 * Bus over Redis pub/sub. Events are delivered locally only when they come back from Redis, so every
 * instance (this one included) sees each event exactly once and in Redis' order.
 */
export async function createRedisBus(url: string, log: Logger): Promise<EventBus> {
  const local = new LocalFanout();
  const options = { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false };
  const pub = new Redis(url, options);
  const sub = new Redis(url, { ...options, enableOfflineQueue: true });
  for (const [name, conn] of [
    ['publisher', pub],
    ['subscriber', sub],
  ] as const) {
    conn.on('error', (err: Error) => log.warn({ err: err.message, conn: name }, 'redis event bus error'));
  }
  await Promise.all([pub.connect(), sub.connect()]);
  await sub.subscribe(CHANNEL);
  sub.on('message', (_channel: string, message: string) => {
    try {
      local.deliver(JSON.parse(message) as StoredEvent);
    } catch (err) {
      log.warn({ err }, 'dropped a malformed event from redis');
    }
  });
  return {
    publish: async (event) => {
      try {
        await pub.publish(CHANNEL, JSON.stringify(event));
      } catch (err) {
        // Redis is down: still serve this instance's subscribers; the others resume from the log on reconnect.
        log.warn({ err }, 'redis publish failed; delivering locally');
        local.deliver(event);
      }
    },
    subscribe: (id, l) => local.subscribe(id, l),
    check: async () => {
      await pub.ping();
    },
    close: async () => {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
