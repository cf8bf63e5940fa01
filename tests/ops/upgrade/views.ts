import type { StoaClient } from '../../../shared/client/client';
import type { ClassId, SessionId } from '../../../shared/contract/ids';

/** The people of the fixture's class; the upgrade test signs in as them again. */
export interface FixturePeople {
  tenantId: string;
  owner: string;
  students: string[];
}

export interface FixtureIds {
  classId: ClassId;
  sessionIds: SessionId[];
}

/**
 * What the class's people see through the API: recorded when the fixture is made (first release), and
 * compared after the upgrade. Later releases may add fields; none of these may change or go missing.
 */
export async function classViews(
  ids: FixtureIds,
  owner: StoaClient,
  student: StoaClient,
): Promise<Record<string, unknown>> {
  const { classId } = ids;
  const views: Record<string, unknown> = {
    classes: await owner.call('listClasses', {}),
    class: await owner.call('getClass', { params: { classId } }),
    members: await owner.call('listMembers', { params: { classId } }),
    sessions: await owner.call('listSessions', { params: { classId } }),
    studentClasses: await student.call('listClasses', {}),
  };
  for (const sessionId of ids.sessionIds) {
    const versions = await owner.call('listNoteVersions', { params: { sessionId } });
    views[sessionId] = {
      markdown: await owner.call('exportNoteMarkdown', { params: { sessionId } }),
      versions,
      versionContents: await Promise.all(
        versions.items.map((v) => owner.call('getNoteVersion', { params: { sessionId, versionId: v.id } })),
      ),
      rounds: await owner.call('listRounds', { params: { sessionId } }),
      studentRounds: await student.call('listRounds', { params: { sessionId } }),
    };
  }
  return views;
}
