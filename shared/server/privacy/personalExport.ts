import type { Role } from '../../contract/classes';
import type { PersonalExport } from '../../contract/privacy';
import type { RoundState } from '../../contract/rounds';
import type { PrivacyDeps } from './deps';
import { exportSummary } from './exportSummary';
import { authoredItems } from './noteAuthors';
import { sessionsMentioning, storedDoc } from './noteData';
import { privateEventsOf } from './privateEvents';
import { collectRoundItems } from './roundItems';
import { exportBackstage } from '../backstage/backstagePrivacy';

const iso = (ms: number) => new Date(ms).toISOString();

/** Rounds of a tenant the person acted in or created. */
async function roundIdsOf(deps: PrivacyDeps, tenantId: string, userId: string): Promise<string[]> {
  const acted = await deps.db
    .selectFrom('round_events')
    .innerJoin('rounds', 'rounds.id', 'round_events.round_id')
    .select('rounds.id as id')
    .distinct()
    .where('rounds.tenant_id', '=', tenantId)
    .where('round_events.actor_id', '=', userId)
    .execute();
  const created = await deps.db
    .selectFrom('rounds')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('created_by', '=', userId)
    .execute();
  return [...new Set([...acted, ...created].map((r) => r.id))].sort();
}

async function roundState(deps: PrivacyDeps, roundId: string): Promise<RoundState | null> {
  const rounds = deps.rounds();
  if (!rounds) return null;
  return rounds.engine.read(roundId);
}

/**
 * Everything the service holds about one person of a tenant, or null when it holds nothing. Reads the
 * live round state (every instance's events) and the stored notes.
 */
export async function buildPersonalExport(
  deps: PrivacyDeps,
  tenantId: string,
  userId: string,
): Promise<PersonalExport | null> {
  const { db } = deps;
  const memberships = await db
    .selectFrom('members')
    .innerJoin('classes', 'classes.id', 'members.class_id')
    .select([
      'members.class_id',
      'classes.name as class_name',
      'members.role',
      'members.joined_at',
      'members.name',
    ])
    .where('members.tenant_id', '=', tenantId)
    .where('members.user_id', '=', userId)
    .orderBy('members.joined_at')
    .execute();
  const classesCreated = await db
    .selectFrom('classes')
    .select(['id', 'name', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('created_by', '=', userId)
    .orderBy('created_at')
    .execute();
  const sessionsCreated = await db
    .selectFrom('sessions')
    .select(['id', 'class_id', 'title', 'started_at'])
    .where('tenant_id', '=', tenantId)
    .where('created_by', '=', userId)
    .orderBy('started_at')
    .execute();

  const rounds: PersonalExport['rounds'] = {
    created: [],
    answers: [],
    questions: [],
    votes: [],
    peerAnswers: [],
    ratings: [],
    muddyPoints: [],
    pollAnswers: [],
    words: [],
  };
  const roundIds = await roundIdsOf(deps, tenantId, userId);
  for (const id of roundIds) {
    const state = await roundState(deps, id);
    if (state) collectRoundItems(state, userId, rounds);
  }

  const notes: PersonalExport['notes'] = { annotations: [], comments: [], versions: [] };
  // Anonymous annotations name nobody in the note; the service's record of their authors says which.
  const claims = await db
    .selectFrom('annotation_authors')
    .select(['session_id', 'annotation_id', 'comment_id'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .execute();
  const claimed = new Map<string, Set<string>>();
  for (const c of claims) {
    const set = claimed.get(c.session_id) ?? new Set<string>();
    set.add(`${c.annotation_id}:${c.comment_id}`);
    claimed.set(c.session_id, set);
  }
  const noteSessions = new Set([
    ...(await sessionsMentioning(db, deps.dialect, tenantId, [userId])),
    ...claimed.keys(),
  ]);
  for (const sessionId of [...noteSessions].sort()) {
    const doc = await storedDoc(deps.noteStore, sessionId);
    const items = authoredItems(doc, userId, claimed.get(sessionId));
    for (const a of items.annotations) {
      const { createdAt, ...rest } = a;
      notes.annotations.push({ sessionId, ...rest, createdAt: iso(createdAt) });
    }
    for (const c of items.comments) {
      const { at, ...rest } = c;
      notes.comments.push({ sessionId, ...rest, at: iso(at) });
    }
  }
  const versions = await db
    .selectFrom('note_versions')
    .select(['id', 'session_id', 'name', 'kind', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('created_by', '=', userId)
    .orderBy('created_at')
    .execute();
  notes.versions = versions.map((v) => ({
    sessionId: v.session_id,
    versionId: v.id,
    name: v.name,
    kind: v.kind,
    createdAt: iso(v.created_at),
  }));
  const privateEvents = await privateEventsOf(deps, tenantId, userId);
  // Who else took part in an entry (the administrator who changed their role) is left out.
  const audit = (await deps.audit.about(tenantId, userId)).map((a) => {
    const role = (JSON.parse(a.details) as { role?: unknown }).role;
    return {
      at: iso(a.at),
      action: a.action as PersonalExport['audit'][number]['action'],
      classId: a.class_id,
      as: a.actor_id === userId ? ('actor' as const) : ('subject' as const),
      role: typeof role === 'string' ? role : null,
    };
  });

  const backstage = await exportBackstage(db, tenantId, userId);
  const empty =
    !backstage &&
    memberships.length + classesCreated.length + sessionsCreated.length + roundIds.length + audit.length ===
      0 &&
    notes.annotations.length + notes.comments.length + notes.versions.length + privateEvents.length === 0;
  if (empty) return null;

  const body: Omit<PersonalExport, 'summary'> = {
    formatVersion: 1,
    generatedAt: new Date().toISOString(),
    subject: { tenantId, userId, names: [...new Set(memberships.map((m) => m.name))] },
    memberships: memberships.map((m) => ({
      classId: m.class_id,
      className: m.class_name,
      role: m.role as Role,
      joinedAt: iso(m.joined_at),
    })),
    classesCreated: classesCreated.map((c) => ({
      classId: c.id,
      name: c.name,
      createdAt: iso(c.created_at),
    })),
    sessionsCreated: sessionsCreated.map((s) => ({
      sessionId: s.id,
      classId: s.class_id,
      title: s.title,
      startedAt: iso(s.started_at),
    })),
    rounds,
    notes,
    privateEvents,
    audit,
    ...(backstage ? { backstage } : {}),
  };
  return { ...body, summary: exportSummary(body) };
}

/** An export for someone the service holds nothing about: the same shape, all lists empty. */
export function emptyExport(tenantId: string, userId: string): PersonalExport {
  const body: Omit<PersonalExport, 'summary'> = {
    formatVersion: 1,
    generatedAt: new Date().toISOString(),
    subject: { tenantId, userId, names: [] },
    memberships: [],
    classesCreated: [],
    sessionsCreated: [],
    rounds: {
      created: [],
      answers: [],
      questions: [],
      votes: [],
      peerAnswers: [],
      ratings: [],
      muddyPoints: [],
      pollAnswers: [],
      words: [],
    },
    notes: { annotations: [], comments: [], versions: [] },
    privateEvents: [],
    audit: [],
  };
  return { ...body, summary: exportSummary(body) };
}
