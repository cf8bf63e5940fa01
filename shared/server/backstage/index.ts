import { LRUCache } from 'lru-cache';
import type { Passage } from '../../contract/rounds/dedupe';
import type { AppContext } from '../context';
import { notesPassages } from '../rounds/noteWriter';
import { BackstagePublisher } from './backstagePublisher';
import { BackstageStore } from './backstageStore';
import type { CommandDeps } from './backstageCommands';
import type { ModerationDeps } from './moderationCommands';
import { queueCounts } from './moderationCommands';
import { PostingLimits } from './postingLimits';

/** The backstage module: store, publisher, limits and the dependencies its commands take. */
export interface Backstage {
  store: BackstageStore;
  publisher: BackstagePublisher;
  deps: CommandDeps & ModerationDeps;
  close(): Promise<void>;
}

/** Notes are read for duplicate detection at most this often per session: a burst of asks reads them once. */
const NOTES_TTL_MS = 10_000;

/** Builds the backstage over the app's storage, events and notes. */
export function createBackstage(app: AppContext): Backstage {
  const store = new BackstageStore(app.storage.database.db, app.storage.database.dialect);
  const publisher = new BackstagePublisher(store, app.events, app.log);
  const notes = new LRUCache<string, Promise<Passage[]>>({ max: 1000, ttl: NOTES_TTL_MS });
  const notesOf = (sessionId: string): Promise<Passage[]> => {
    let p = notes.get(sessionId);
    if (!p) {
      p = (app.notes ? app.notes.markdown(sessionId) : Promise.resolve(''))
        .then((md) => notesPassages(md))
        .catch(() => []);
      notes.set(sessionId, p);
    }
    return p;
  };
  const queueChanged = (classId: string, sessionId: string) => {
    void queueCounts(store, classId)
      .then((counts) =>
        app.events.publish(sessionId, { kind: 'facilitators' }, { type: 'moderation_changed', ...counts }),
      )
      .catch((err: unknown) => app.log.error({ err, classId }, 'backstage: could not send queue counts'));
  };
  const deps: CommandDeps & ModerationDeps = {
    store,
    limits: new PostingLimits(),
    notesPassages: notesOf,
    changed: (sessionId, questionId) => publisher.changed(sessionId, questionId),
    queueChanged,
    scrub: (sessionId, itemId, questionId) => publisher.scrub(sessionId, itemId, questionId),
  };
  return {
    store,
    publisher,
    deps,
    close: () => publisher.close(),
  };
}
