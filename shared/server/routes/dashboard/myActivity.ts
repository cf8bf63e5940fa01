import type * as Y from 'yjs';
import type { ClassId, SessionId } from '../../../contract/ids';
import {
  DASHBOARD_LIMITS,
  type MyActivity,
  type MyFlag,
  type MyQuestion,
  type MyRecentSession,
} from '../../../contract/dashboard';
import type { RoundState } from '../../../contract/rounds';
import type { Principal } from '../../auth/principal';
import { parseSettings, presentSession } from '../../presenters';
import type { Rounds } from '../../rounds';
import type { Stores } from '../../storage/stores';
import type { ClassRow } from '../../storage/stores/classStore';
import type { SessionRow } from '../../storage/stores/sessionStore';
import { readFlags } from './noteFlags';

export interface MyActivityDeps {
  storage: Stores;
  principal: Principal;
  rounds: Rounds;
  noteOf(sessionId: string): Promise<Y.Doc>;
  /** Flags of a session the caller is recorded as author of (anonymous flags name nobody in the note). */
  claimedBy(sessionId: string, userId: string): Promise<Set<string>>;
}

interface Recent {
  row: SessionRow;
  cls: ClassRow;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The caller's recent sessions across their classes, newest first. */
async function recentSessions(storage: Stores, principal: Principal): Promise<Recent[]> {
  const classes = await storage.classes.listForUser(
    principal.tenantId,
    principal.userId,
    DASHBOARD_LIMITS.myClasses,
    null,
  );
  const perClass = await Promise.all(
    classes.slice(0, DASHBOARD_LIMITS.myClasses).map(async (cls) => {
      const rows = await storage.sessions.list(cls.id, DASHBOARD_LIMITS.sessionsPerClass, null);
      return rows.slice(0, DASHBOARD_LIMITS.sessionsPerClass).map((row) => ({ row, cls }));
    }),
  );
  return perClass
    .flat()
    .sort((a, b) => b.row.started_at - a.row.started_at || b.row.id.localeCompare(a.row.id))
    .slice(0, DASHBOARD_LIMITS.recentSessions);
}

function where(r: Recent) {
  return {
    sessionId: r.row.id as SessionId,
    sessionTitle: r.row.title,
    classId: r.cls.id as ClassId,
    className: r.cls.name,
  };
}

/** The caller's questions in a round, with the answers as a student may see them. */
function questionsIn(state: RoundState, r: Recent, userId: string): MyQuestion[] {
  if (state.kind !== 'question_round') return [];
  const { fullyAnonymous } = parseSettings(r.cls.settings);
  return state.questions
    .filter((q) => q.authorId === userId)
    .map((q) => ({
      ...where(r),
      roundId: state.id,
      topic: state.topic,
      text: q.text,
      anonymous: q.anonymous,
      askedAt: iso(q.createdAt),
      answers: state.answers
        .filter((a) => a.questionId === (q.duplicateOf ?? q.id))
        .map((a) => ({
          text: a.text,
          authorName: a.byFacilitator || (!a.anonymous && !fullyAnonymous) ? a.authorName : null,
          byFacilitator: a.byFacilitator,
          endorsed: a.endorsed,
        })),
    }));
}

/**
 * The personal tab's data: recent sessions of the caller's classes, the flags they placed in those
 * sessions' notes that are still open, and the questions they asked in those sessions' rounds with the
 * answers. A flag is theirs when the service recorded them as its author (flags are anonymous, so the
 * note itself names nobody); flags in fully anonymous classes are recorded for nobody, so they cannot be listed.
 */
export async function myActivity(d: MyActivityDeps): Promise<MyActivity> {
  const recent = await recentSessions(d.storage, d.principal);
  const perSession = await Promise.all(
    recent.map(async (r) => {
      const [doc, roundRows, claimed] = await Promise.all([
        d.noteOf(r.row.id),
        d.rounds.store.listBySession(r.row.id),
        d.claimedBy(r.row.id, d.principal.userId),
      ]);
      const states = await Promise.all(roundRows.map((row) => d.rounds.engine.read(row.id)));
      const flags: MyFlag[] = readFlags(doc)
        .filter((f) => (f.authorId === d.principal.userId || claimed.has(f.id)) && !f.resolved)
        .map((f) => ({
          ...where(r),
          annotationId: f.id,
          quote: f.quote,
          createdAt: f.createdAt === null ? null : iso(f.createdAt),
        }));
      const questions = states
        .sort((a, b) => a.createdAt - b.createdAt)
        .flatMap((s) => questionsIn(s, r, d.principal.userId));
      return { flags, questions };
    }),
  );
  const sessions: MyRecentSession[] = recent.map((r) => {
    const s = presentSession(r.row);
    return {
      sessionId: s.id,
      classId: s.classId,
      className: r.cls.name,
      title: s.title,
      status: s.status,
      startedAt: s.startedAt,
    };
  });
  return {
    recentSessions: sessions,
    openFlags: perSession.flatMap((p) => p.flags),
    questions: perSession.flatMap((p) => p.questions),
  };
}
