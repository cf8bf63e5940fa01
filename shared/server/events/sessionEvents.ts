import { EventEmitter } from 'node:events';
import type { Audience, SessionEvent } from '../../contract/events';
import type { EventBus, EventListener } from './bus';
import { EventStore, type StoredEvent } from './eventStore';
import type { Database } from '../storage/db';

/** Publishing and following a session's events: stored first (for resume), then fanned out. */
export class SessionEvents {
  readonly store: EventStore;
  /** Sessions whose streams must end, by session id; one listener per open stream. */
  private readonly ends = new EventEmitter().setMaxListeners(0);
  /** People whose streams must end, by `subjectHash`; one listener per open stream. */
  private readonly userEnds = new EventEmitter().setMaxListeners(0);

  constructor(
    database: Database,
    readonly bus: EventBus,
  ) {
    this.store = new EventStore(database.db);
  }

  /** Stores the event for its audience and delivers it to every open stream that may see it. */
  async publish(sessionId: string, audience: Audience, event: SessionEvent): Promise<StoredEvent> {
    const stored = await this.store.append(sessionId, audience, event);
    await this.bus.publish(stored);
    return stored;
  }

  subscribe(sessionId: string, listener: EventListener): () => void {
    return this.bus.subscribe(sessionId, listener);
  }

  /** Calls `onEnd` when the session's streams on this instance must end (it was deleted). */
  onEnd(sessionId: string, onEnd: () => void): () => void {
    this.ends.on(sessionId, onEnd);
    return () => this.ends.off(sessionId, onEnd);
  }

  /** Calls `onEnd` when the person's streams on this instance must end (keyed by `subjectHash`: erasure). */
  onUserEnd(subject: string, onEnd: () => void): () => void {
    this.userEnds.on(subject, onEnd);
    return () => this.userEnds.off(subject, onEnd);
  }

  /** Ends every stream of an erased person on this instance. */
  endUserStreams(subject: string): void {
    this.userEnds.emit(subject);
  }

  /** Ends every stream of a deleted session on this instance. */
  endStreams(sessionId: string): void {
    this.ends.emit(sessionId);
  }
}

/** Whether a viewer may receive an event stored for `audience`. */
export function mayReceive(audience: string, viewer: { userId: string; facilitator: boolean }): boolean {
  if (audience === 'all') return true;
  if (audience === 'facilitators') return viewer.facilitator;
  return audience === `user:${viewer.userId}`;
}
