import type * as Y from 'yjs';
import { operations } from '../../../contract/api';
import { DASHBOARD_LIMITS, type ClassDashboard, type SessionDashboard } from '../../../contract/dashboard';
import { roundAnalytics, sessionAnalytics, type RoundState } from '../../../contract/rounds';
import { loadAsFacilitator, loadSessionAccess } from '../../commands/access';
import type { AppContext } from '../../context';
import { AnnotationAuthorStore } from '../../notes/annotationAuthors';
import { bindOperation } from '../../http/route';
import type { NoteService } from '../../notes/noteService';
import { parseSettings, presentSession } from '../../presenters';
import { recordAudit } from '../../privacy';
import type { Rounds } from '../../rounds';
import type { Stores } from '../../storage/stores';
import { myActivity } from './myActivity';
import { confusionHeatmap, countFlags, readFlags } from './noteFlags';
import { roundResultsCsv } from './roundCsv';

/** Upper bound when counting a class's students (members are listed in pages). */
const MEMBER_SCAN_MAX = 10_000;

/** The states of a session's rounds, oldest first. */
export async function sessionRounds(rounds: Rounds, sessionId: string): Promise<RoundState[]> {
  const rows = await rounds.store.listBySession(sessionId);
  const states = await Promise.all(rows.map((r) => rounds.engine.read(r.id)));
  return states.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

async function studentCount(storage: Stores, classId: string): Promise<number> {
  const members = await storage.members.list(classId, MEMBER_SCAN_MAX, null);
  return members.filter((m) => m.role === 'student').length;
}

/** Facilitator dashboards (per session, per class), the round results CSV, and the personal tab's data. */
export function dashboardRoutes(app: AppContext, rounds: Rounds): void {
  const { server, routeDeps: deps, storage } = app;
  const notes: NoteService | undefined = app.notes;
  if (!notes) throw new Error('dashboardRoutes needs attachCollaboration to run first');
  const noteOf = (sessionId: string): Promise<Y.Doc> => notes.snapshot(sessionId);
  const authors = new AnnotationAuthorStore(storage.database.db);

  bindOperation(server, deps, operations.getSessionDashboard, async ({ principal, params }) => {
    const { session, cls } = await loadSessionAccess(storage, principal, params.sessionId, 'facilitator');
    const [states, doc, students] = await Promise.all([
      sessionRounds(rounds, session.id),
      noteOf(session.id),
      studentCount(storage, cls.id),
    ]);
    const s = presentSession(session);
    const dashboard: SessionDashboard = {
      sessionId: s.id,
      classId: s.classId,
      title: s.title,
      status: s.status,
      startedAt: s.startedAt,
      students,
      analytics: sessionAnalytics(states),
      rounds: states.map(roundAnalytics),
      heatmap: confusionHeatmap(doc),
    };
    return dashboard;
  });

  bindOperation(server, deps, operations.getClassDashboard, async ({ principal, params }) => {
    const { cls } = await loadAsFacilitator(storage, principal, params.classId);
    const rows = await storage.sessions.list(cls.id, DASHBOARD_LIMITS.classSessions, null);
    const sessions = rows.slice(0, DASHBOARD_LIMITS.classSessions);
    const perSession = await Promise.all(
      sessions.map(async (row) => {
        const [states, doc] = await Promise.all([sessionRounds(rounds, row.id), noteOf(row.id)]);
        return { row, states, flags: readFlags(doc) };
      }),
    );
    const dashboard: ClassDashboard = {
      classId: params.classId,
      name: cls.name,
      students: await studentCount(storage, cls.id),
      sessions: perSession.map(({ row, states, flags }) => {
        const s = presentSession(row);
        return {
          sessionId: s.id,
          title: s.title,
          status: s.status,
          startedAt: s.startedAt,
          analytics: sessionAnalytics(states),
          flags: countFlags(flags),
        };
      }),
      totals: sessionAnalytics(perSession.flatMap((p) => p.states)),
      flags: countFlags(perSession.flatMap((p) => p.flags)),
    };
    return dashboard;
  });

  bindOperation(server, deps, operations.exportRoundResults, async ({ principal, params, res }) => {
    const { session, cls } = await loadSessionAccess(storage, principal, params.sessionId, 'facilitator');
    const states = await sessionRounds(rounds, session.id);
    const { fullyAnonymous } = parseSettings(cls.settings);
    const csv = roundResultsCsv(states, { fullyAnonymous });
    // A download leaves Stoa (and may name question authors), so it is recorded; dashboard views are not:
    // they show aggregates only and stay inside the app.
    await recordAudit(app, {
      tenantId: principal.tenantId,
      actorId: principal.userId,
      action: 'csv_exported',
      classId: cls.id,
      subject: session.id,
      details: { sessionId: session.id, rounds: states.length, namesAuthors: !fullyAnonymous },
    });
    res.setHeader('content-disposition', `attachment; filename="rounds-${session.id}.csv"`);
    return csv;
  });

  bindOperation(server, deps, operations.getMyActivity, async ({ principal }) => {
    return myActivity({
      storage,
      principal,
      rounds,
      noteOf,
      claimedBy: (sessionId, userId) => authors.annotationsOf(sessionId, userId),
    });
  });
}
