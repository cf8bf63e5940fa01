import { DEFAULT_CLASS_TIME_ZONE } from '../../contract/classes';
import { newId } from '../storage/ids';
import type { AppContext } from '../context';
import { BotNotifier } from './botNotifier';
import { ClassSettingsCache } from './classSettings';
import { DeadlineScheduler } from './deadlineScheduler';
import { runEffects } from './effectRunner';
import { WriteBacks, appNoteWriter, type NoteWriter } from './noteWriter';
import { RoundEngine } from './roundEngine';
import { RoundPublisher } from './roundPublisher';
import { RoundStore } from './roundStore';

/** The round engine of the service and everything around it; `app.rounds`. */
export interface Rounds {
  engine: RoundEngine;
  store: RoundStore;
  settings: ClassSettingsCache;
  notes: NoteWriter;
  clock: () => number;
  scheduler: DeadlineScheduler;
  /** Stops the timers, lets queued events finish, then sends what is pending (views, notes, the bot). */
  close(): Promise<void>;
}

export interface RoundsOptions {
  /** The clock rounds run on (epoch ms). */
  clock?: () => number;
  /** Writes summaries into notes; defaults to the service's notes module. */
  notes?: NoteWriter;
}

/** Builds the rounds module over the app's storage, events and notes, and starts its deadline timer. */
export function createRounds(app: AppContext, opts: RoundsOptions = {}): Rounds {
  const { env, log } = app;
  const clock = opts.clock ?? Date.now;
  const store = new RoundStore(app.storage.database.db, app.storage.database.dialect);
  const settings = new ClassSettingsCache(app.storage);
  const notes = opts.notes ?? appNoteWriter(app);
  const publisher = new RoundPublisher({ events: app.events, settings, clock, log });
  const notifier = new BotNotifier({ url: env.BOT_NOTIFY_URL ?? null, secret: env.BOT_SERVICE_SECRET, log });
  const writeBacks = new WriteBacks(notes, log, 3, async ({ tenantId, classId }) => {
    return (await settings.get(tenantId, classId)).timeZone ?? DEFAULT_CLASS_TIME_ZONE;
  });
  const engine = new RoundEngine({
    store,
    clock,
    log,
    onCommit: (committed) => runEffects({ publisher, notifier, writeBacks }, committed),
  });
  const scheduler = new DeadlineScheduler({
    store,
    engine,
    clock,
    log,
    owner: newId('inst'),
    pollMs: env.ROUND_TIMER_POLL_MS,
  });
  scheduler.start();
  return {
    engine,
    store,
    settings,
    notes,
    clock,
    scheduler,
    close: async () => {
      await scheduler.close();
      await engine.idle();
      await publisher.close();
      await writeBacks.close();
      await notifier.close();
    },
  };
}
