import type { Kysely } from 'kysely';
import type { Audience, SessionEvent, SessionEventEnvelope } from '../../contract/events';
import type { DatabaseSchema } from '../storage/schema';

/** A stored event with its audience, as it travels between instances. */
export interface StoredEvent extends SessionEventEnvelope {
  audience: string;
}

export function audienceKey(a: Audience): string {
  return a.kind === 'user' ? `user:${a.userId}` : a.kind;
}

/** Append-only log of session events; ids come from the database so they order across instances. */
export class EventStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async append(
    sessionId: string,
    audience: Audience,
    event: SessionEvent,
    now = Date.now(),
  ): Promise<StoredEvent> {
    const row = await this.db
      .insertInto('session_events')
      .values({
        session_id: sessionId,
        audience: audienceKey(audience),
        payload: JSON.stringify(event),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      id: Number(row.id),
      sessionId,
      at: new Date(now).toISOString(),
      event,
      audience: audienceKey(audience),
    };
  }

  /** Events after `afterId` for a session, oldest first, for resuming a stream. */
  async since(sessionId: string, afterId: number, limit = 500): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom('session_events')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('id', '>', afterId)
      .orderBy('id', 'asc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      sessionId: r.session_id,
      at: new Date(r.created_at).toISOString(),
      event: JSON.parse(r.payload) as SessionEvent,
      audience: r.audience,
    }));
  }

  /** The newest event id of a session (0 when none), where a fresh stream starts. */
  async latestId(sessionId: string): Promise<number> {
    const row = await this.db
      .selectFrom('session_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }
}
