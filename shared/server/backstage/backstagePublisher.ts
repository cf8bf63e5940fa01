import { sql } from 'kysely';
import type { BackstageQuestionView } from '../../contract/backstage/schemas';
import type { SessionEvent } from '../../contract/events';
import type { SessionEvents } from '../events/sessionEvents';
import type { Logger } from 'pino';
import type { BackstageStore } from './backstageStore';
import { presentQuestion } from './backstagePresenter';

/**
 * How long changes to a session's questions are gathered before one event per question goes out. A vote
 * burst from hundreds of students becomes a few events a second instead of one per vote per subscriber;
 * the window is the price in latency (target: action to every subscriber within 200 ms at p95).
 */
export const BACKSTAGE_FLUSH_MS = 60;

/**
 * Sends the backstage's changes on the session streams. Changed questions are marked dirty and read back
 * once per window, so every event carries the question's latest state (never a stale count), and each
 * view goes only to whom may see it: published to everyone (public view), waiting to its author and the
 * facilitators, hidden as `backstage_removed`.
 */
export class BackstagePublisher {
  private readonly dirty = new Map<string, Set<string>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly flushing = new Map<string, Promise<void>>();

  constructor(
    private readonly store: BackstageStore,
    private readonly events: SessionEvents,
    private readonly log: Logger,
  ) {}

  /** Marks a question changed; its view goes out within `BACKSTAGE_FLUSH_MS`. */
  changed(sessionId: string, questionId: string): void {
    let set = this.dirty.get(sessionId);
    if (!set) this.dirty.set(sessionId, (set = new Set()));
    set.add(questionId);
    if (!this.timers.has(sessionId))
      this.timers.set(
        sessionId,
        setTimeout(() => void this.flush(sessionId), BACKSTAGE_FLUSH_MS),
      );
  }

  /** Sends what is pending for a session now (and waits for a flush under way). */
  async flush(sessionId: string): Promise<void> {
    const timer = this.timers.get(sessionId);
    if (timer) clearTimeout(timer);
    this.timers.delete(sessionId);
    const ids = this.dirty.get(sessionId);
    this.dirty.delete(sessionId);
    const before = this.flushing.get(sessionId);
    const run = (async () => {
      await before;
      if (ids && ids.size > 0) await this.send(sessionId, [...ids]);
    })().catch((err: unknown) => this.log.error({ err, sessionId }, 'backstage: could not send changes'));
    this.flushing.set(sessionId, run);
    await run;
    if (this.flushing.get(sessionId) === run) this.flushing.delete(sessionId);
  }

  private async send(sessionId: string, ids: string[]): Promise<void> {
    const rows = await this.store.questionsById(ids);
    const answers = await this.store.answersOf(rows.map((r) => r.id));
    const published: BackstageQuestionView[] = [];
    for (const row of rows) {
      if (row.status === 'hidden') {
        await this.events.publish(
          sessionId,
          { kind: 'all' },
          { type: 'backstage_removed', questionId: row.id },
        );
      } else if (row.status === 'published') {
        published.push(presentQuestion(row, answers, null));
      } else {
        const event: SessionEvent = {
          type: 'backstage_questions',
          questions: [presentQuestion(row, answers, null)],
        };
        await this.events.publish(sessionId, { kind: 'facilitators' }, event);
        await this.events.publish(sessionId, { kind: 'user', userId: row.author_id }, event);
      }
    }
    // One event for everything published that changed in the window: one frame per subscriber, not one per question.
    if (published.length > 0)
      await this.events.publish(
        sessionId,
        { kind: 'all' },
        { type: 'backstage_questions', questions: published },
      );
  }

  /**
   * After a post is hidden: rewrites every stored event of the session that holds its id (and with it its
   * text), so a stream resumed with `Last-Event-ID` never replays it: a hidden question leaves the events
   * that carried it (an event left empty becomes `backstage_removed`), a hidden answer leaves its
   * question's answers. Flushes pending changes first, so no view read before the hide goes out after.
   */
  async scrub(sessionId: string, itemId: string, questionId: string): Promise<void> {
    await this.flush(sessionId);
    const db = this.store.db;
    // Ids are random base32 with a prefix: a substring match cannot hit another item's id.
    const rows = await db
      .selectFrom('session_events')
      .select(['id', 'payload'])
      .where('session_id', '=', sessionId)
      .where(sql<boolean>`payload like ${`%"${itemId}"%`}`)
      .execute();
    for (const row of rows) {
      const event = JSON.parse(row.payload) as SessionEvent;
      let next: SessionEvent = { type: 'backstage_removed', questionId };
      if (event.type === 'backstage_questions') {
        const questions = event.questions
          .filter((q) => q.id !== itemId)
          .map((q) => ({ ...q, answers: q.answers.filter((a) => a.id !== itemId) }));
        if (questions.length > 0) next = { type: 'backstage_questions', questions };
      }
      await db
        .updateTable('session_events')
        .set({ payload: JSON.stringify(next) })
        .where('id', '=', row.id)
        .execute();
    }
  }

  /** Sends what is still gathered, then stops. */
  async close(): Promise<void> {
    await Promise.all([...this.dirty.keys()].map((s) => this.flush(s)));
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
