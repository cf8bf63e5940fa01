import type { Logger } from 'pino';
import type { RoundState } from '../../contract/rounds';
import type { SessionEvents } from '../events/sessionEvents';
import type { ClassSettingsCache } from './classSettings';
import type { RoundMeta } from './roundLog';
import { presentFacilitatorRound, presentPublicRound, presentRound } from './roundPresenter';

export interface PublisherOptions {
  events: SessionEvents;
  settings: ClassSettingsCache;
  clock: () => number;
  log: Logger;
  /** Shortest gap between two tally updates of one round (public and facilitators' views). */
  tallyIntervalMs?: number;
}

interface RoundChannel {
  meta: RoundMeta;
  latest: RoundState;
  /** The state whose shared views were last sent (or are queued to be). */
  published: RoundState | null;
  /** Gap before the next tally: the interval, or more when rendering the views took long (big classes). */
  gap: number;
  lastFlush: number;
  timer: NodeJS.Timeout | null;
  /** Publications of one round run one after another, so a stream sees them in order. */
  chain: Promise<void>;
}

/** User views published at once; more would hold the pool and the event loop for too long in one go. */
const USER_VIEW_CONCURRENCY = 16;

/**
 * Publishes a round's views on the session's event stream after each committed change. The public and the
 * facilitators' views carry tallies, which change with every answer: they are coalesced to one per
 * interval per round (the first at once, the rest at the end of the interval), while a phase change goes
 * out immediately. A student's own view is sent to that student alone whenever their part changed.
 */
export class RoundPublisher {
  private readonly channels = new Map<string, RoundChannel>();
  private readonly interval: number;

  constructor(private readonly o: PublisherOptions) {
    this.interval = o.tallyIntervalMs ?? 250;
  }

  /** The round entered a new phase: its views go out at once, whatever tallies are waiting. */
  phase(meta: RoundMeta, state: RoundState): void {
    const ch = this.channel(meta, state);
    ch.latest = state;
    this.flush(ch, 'phase');
  }

  /** A committed change: tallies are published coalesced, `users` get their own view now. */
  changed(meta: RoundMeta, state: RoundState, users: readonly string[]): void {
    const ch = this.channel(meta, state);
    ch.latest = state;
    if (state !== ch.published) {
      const now = Date.now();
      if (now - ch.lastFlush >= ch.gap) this.flush(ch, 'tally');
      else ch.timer ??= setTimeout(() => this.flush(ch, 'tally'), ch.lastFlush + ch.gap - now);
    }
    if (users.length > 0) this.enqueue(ch, () => this.publishUsers(ch.meta, state, users));
  }

  /** Sends what is still coalescing and waits for every publication in flight. */
  async close(): Promise<void> {
    for (const ch of this.channels.values()) if (ch.timer) this.flush(ch, 'tally');
    await Promise.all([...this.channels.values()].map((ch) => ch.chain));
  }

  private channel(meta: RoundMeta, state: RoundState): RoundChannel {
    let ch = this.channels.get(meta.id);
    if (!ch) {
      ch = {
        meta,
        latest: state,
        published: null,
        gap: this.interval,
        lastFlush: 0,
        timer: null,
        chain: Promise.resolve(),
      };
      this.channels.set(meta.id, ch);
    }
    return ch;
  }

  private flush(ch: RoundChannel, change: 'phase' | 'tally'): void {
    if (ch.timer) clearTimeout(ch.timer);
    ch.timer = null;
    ch.lastFlush = Date.now();
    // The state is taken now, not when the task runs: each phase event shows the phase it announces.
    const state = ch.latest;
    ch.published = state;
    this.enqueue(ch, () => this.publishShared(ch, state, change));
  }

  private enqueue(ch: RoundChannel, task: () => Promise<void>): void {
    ch.chain = ch.chain.then(task).catch((err: unknown) => {
      this.o.log.warn({ err, roundId: ch.meta.id }, 'rounds: publishing a view failed');
    });
    // A finished round with nothing pending needs no channel: drop it once its chain is done.
    const chain = ch.chain;
    void chain.then(() => {
      if (ch.chain === chain && !ch.timer && isOver(ch.latest)) this.channels.delete(ch.meta.id);
    });
  }

  private async publishShared(ch: RoundChannel, state: RoundState, change: 'phase' | 'tally'): Promise<void> {
    const { meta } = ch;
    const settings = await this.o.settings.get(meta.tenantId, meta.classId);
    const now = this.o.clock();
    const events = this.o.events;
    // Students first: the public view is small and most subscribers wait for it.
    const everyone = presentPublicRound(state, settings, now);
    await events.publish(meta.sessionId, { kind: 'all' }, { type: 'round_updated', change, view: everyone });
    const started = performance.now();
    const facilitators = presentFacilitatorRound(state, settings, now);
    // The facilitators' view lists every student: with thousands, tallies slow down so that rendering
    // it never takes more than a fifth of the time.
    ch.gap = Math.max(this.interval, Math.round((performance.now() - started) * 5));
    await events.publish(
      meta.sessionId,
      { kind: 'facilitators' },
      { type: 'round_updated', change, view: facilitators },
    );
  }

  private async publishUsers(meta: RoundMeta, state: RoundState, users: readonly string[]): Promise<void> {
    const settings = await this.o.settings.get(meta.tenantId, meta.classId);
    const now = this.o.clock();
    const list = [...new Set(users)];
    for (let i = 0; i < list.length; i += USER_VIEW_CONCURRENCY) {
      await Promise.all(
        list.slice(i, i + USER_VIEW_CONCURRENCY).map((userId) =>
          this.o.events.publish(
            meta.sessionId,
            { kind: 'user', userId },
            {
              type: 'round_updated',
              change: 'mine',
              view: presentRound(state, { userId, role: 'student' }, settings, now),
            },
          ),
        ),
      );
    }
  }
}

function isOver(state: RoundState): boolean {
  return state.phase === 'ended' || state.phase === 'cancelled';
}
