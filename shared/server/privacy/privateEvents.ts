import { SessionEventSchema } from '../../contract/events';
import type { PersonalExport } from '../../contract/privacy';
import type { RoundView } from '../../contract/rounds';
import type { PrivacyDeps } from './deps';

type PrivateEvent = PersonalExport['privateEvents'][number];

/** What a student's own view of a round held that was theirs; other people only as counts. */
function ownPart(view: RoundView): Record<string, unknown> {
  switch (view.kind) {
    case 'peer_instruction': {
      const me = view.me;
      return {
        answer: me?.answer ?? null,
        revote: me?.revote ?? null,
        discussionGroup: me?.group ? { index: me.group.index, partners: me.group.partners.length } : null,
      };
    }
    case 'question_round': {
      const assigned = new Set<string>(view.myAssignments);
      return {
        assignedQuestions: view.questions
          .filter((q) => assigned.has(q.id))
          .map((q) => ({ questionId: q.id, text: q.text })),
      };
    }
    case 'muddiest_point':
      return { mine: view.mine };
    case 'poll':
      return { myAnswer: view.myAnswer };
    case 'wordcloud':
      return { mine: view.mine };
  }
}

/**
 * The session events the service addressed to one person alone, oldest first, each reduced to the
 * person's own part: a stored view also lists classmates (discussion partners, authors of questions),
 * and those are left out.
 */
export async function privateEventsOf(
  deps: PrivacyDeps,
  tenantId: string,
  userId: string,
): Promise<PrivateEvent[]> {
  const rows = await deps.db
    .selectFrom('session_events')
    .innerJoin('sessions', 'sessions.id', 'session_events.session_id')
    .select(['session_events.session_id', 'session_events.payload', 'session_events.created_at'])
    .where('sessions.tenant_id', '=', tenantId)
    .where('session_events.audience', '=', `user:${userId}`)
    .orderBy('session_events.id')
    .execute();
  return rows.map((row) => {
    const base = {
      sessionId: row.session_id,
      at: new Date(row.created_at).toISOString(),
      roundId: null,
      kind: null,
      phase: null,
    };
    const parsed = SessionEventSchema.safeParse(JSON.parse(row.payload));
    if (!parsed.success) return { ...base, type: 'unknown', content: {} };
    const event = parsed.data;
    if (event.type !== 'round_updated') return { ...base, type: event.type, content: {} };
    const { view } = event;
    return {
      ...base,
      type: event.type,
      roundId: view.roundId,
      kind: view.kind,
      phase: view.phase,
      content: ownPart(view),
    };
  });
}
