import type { OperationId } from '../../contract/api';
import { ERROR_STATUS } from '../../contract/errors';
import type { Operation } from '../../contract/operation';

/**
 * Where each operation of the contract is tested, as paths under `shared/server`. `full`: the suites must
 * hold every case the operation's description calls for (see `requiredCases`). `pending`: owned by a
 * feature still being built; it needs at least a success case, and its missing cases are printed.
 */
export interface OperationCoverage {
  files: string[];
  matrix: 'full' | 'pending';
}

export const COVERAGE: Partial<Record<OperationId, OperationCoverage>> = {
  createDevToken: {
    files: ['routes/auth/auth.test.ts', 'auth/entraApi.test.ts', 'http/errorHandler.test.ts'],
    matrix: 'full',
  },
  getMe: { files: ['routes/auth/auth.test.ts'], matrix: 'full' },
  listClasses: { files: ['routes/classes/classes.test.ts', 'routes/pagination.test.ts'], matrix: 'full' },
  createClass: { files: ['routes/classes/classes.test.ts'], matrix: 'full' },
  ensureClass: { files: ['routes/classes/ensureClass.test.ts'], matrix: 'full' },
  getClass: { files: ['routes/classes/classes.test.ts'], matrix: 'full' },
  updateClass: { files: ['routes/classes/classes.test.ts'], matrix: 'full' },
  joinClass: { files: ['routes/members/members.test.ts'], matrix: 'full' },
  listMembers: { files: ['routes/members/members.test.ts', 'routes/pagination.test.ts'], matrix: 'full' },
  setMemberRole: { files: ['routes/members/memberRoles.test.ts'], matrix: 'full' },
  leaveClass: { files: ['routes/members/memberRoles.test.ts'], matrix: 'full' },
  getJoinLink: { files: ['routes/members/joinLink.test.ts'], matrix: 'full' },
  rotateJoinLink: { files: ['routes/members/joinLink.test.ts'], matrix: 'full' },
  joinByLink: { files: ['routes/members/joinLink.test.ts'], matrix: 'full' },
  listSessions: { files: ['routes/sessions/sessions.test.ts', 'routes/pagination.test.ts'], matrix: 'full' },
  createSession: { files: ['routes/sessions/sessions.test.ts'], matrix: 'full' },
  getSession: { files: ['routes/sessions/sessionById.test.ts'], matrix: 'full' },
  endSession: { files: ['routes/sessions/sessionById.test.ts'], matrix: 'full' },
  streamSessionEvents: { files: ['routes/events/events.test.ts'], matrix: 'full' },
  getNote: { files: ['routes/notes/notes.test.ts'], matrix: 'full' },
  exportNoteMarkdown: { files: ['routes/notes/notes.test.ts'], matrix: 'full' },
  listNoteVersions: { files: ['routes/notes/notes.test.ts'], matrix: 'full' },
  createNoteVersion: { files: ['routes/notes/notes.test.ts'], matrix: 'full' },
  getNoteVersion: { files: ['routes/notes/notes.test.ts'], matrix: 'full' },
  restoreNoteVersion: { files: ['routes/notes/notesRestore.test.ts'], matrix: 'full' },
  setNoteLock: { files: ['routes/notes/notesSafety.test.ts'], matrix: 'full' },
  claimAnnotationAuthor: { files: ['routes/notes/annotationAuthors.test.ts'], matrix: 'full' },
  listAnnotationAuthors: { files: ['routes/notes/annotationAuthors.test.ts'], matrix: 'full' },
  startRound: { files: ['routes/rounds/rounds.test.ts'], matrix: 'full' },
  listRounds: { files: ['routes/rounds/rounds.test.ts'], matrix: 'full' },
  getRound: { files: ['routes/rounds/rounds.test.ts'], matrix: 'full' },
  sendRoundEvent: {
    files: [
      'routes/rounds/roundEvents.test.ts',
      'routes/rounds/piRound.test.ts',
      'routes/rounds/questionRound.test.ts',
    ],
    matrix: 'full',
  },
  getRoundAnalytics: { files: ['routes/rounds/analytics.test.ts'], matrix: 'full' },
  getSessionAnalytics: { files: ['routes/rounds/analytics.test.ts'], matrix: 'full' },
  setRoundCard: { files: ['routes/rounds/botRefs.test.ts'], matrix: 'full' },
  getRoundCard: { files: ['routes/rounds/botRefs.test.ts'], matrix: 'full' },
  putConversationReference: { files: ['routes/rounds/botRefs.test.ts'], matrix: 'full' },
  getConversationReference: { files: ['routes/rounds/botRefs.test.ts'], matrix: 'full' },
  getSessionDashboard: { files: ['routes/dashboard/dashboard.test.ts'], matrix: 'full' },
  getClassDashboard: { files: ['routes/dashboard/dashboard.test.ts'], matrix: 'full' },
  exportRoundResults: { files: ['routes/dashboard/roundCsv.test.ts'], matrix: 'full' },
  getMyActivity: { files: ['routes/dashboard/myActivity.test.ts'], matrix: 'full' },
  exportMyData: { files: ['routes/privacy/privacy.test.ts'], matrix: 'full' },
  eraseMyData: { files: ['routes/privacy/privacy.test.ts'], matrix: 'full' },
  exportUserData: {
    files: ['routes/privacy/privacy.test.ts', 'privacy/privacyFlow.test.ts'],
    matrix: 'full',
  },
  eraseUser: { files: ['routes/privacy/privacy.test.ts', 'privacy/privacyFlow.test.ts'], matrix: 'full' },
  listAuditEntries: { files: ['routes/privacy/privacy.test.ts'], matrix: 'full' },
  getRetention: { files: ['routes/privacy/privacy.test.ts', 'privacy/retention.test.ts'], matrix: 'full' },
  setRetentionPolicy: { files: ['routes/privacy/privacy.test.ts'], matrix: 'full' },
  listBackstage: { files: ['routes/backstage/backstage.test.ts'], matrix: 'pending' },
  askBackstage: { files: ['routes/backstage/backstage.test.ts'], matrix: 'pending' },
  voteBackstage: { files: ['routes/backstage/backstage.test.ts'], matrix: 'pending' },
  answerBackstage: { files: ['routes/backstage/backstage.test.ts'], matrix: 'pending' },
  facilitateBackstage: { files: ['routes/backstage/backstage.test.ts'], matrix: 'pending' },
  reportPost: { files: ['routes/backstage/moderation.test.ts'], matrix: 'pending' },
  moderatePost: { files: ['routes/backstage/moderation.test.ts'], matrix: 'pending' },
  getModerationQueue: { files: ['routes/backstage/moderation.test.ts'], matrix: 'pending' },
  getModerationSettings: { files: ['routes/backstage/moderation.test.ts'], matrix: 'pending' },
  setModerationSettings: { files: ['routes/backstage/moderation.test.ts'], matrix: 'pending' },
  pauseMember: { files: ['routes/backstage/moderation.test.ts'], matrix: 'pending' },
};

/** A case an operation's suites must contain, recognised by its test title. */
export interface RequiredCase {
  label: string;
  matches(title: string): boolean;
}

/** Path params are named freely in titles (`:id`, `:sessionId`), so both sides compare with one name. */
const normalize = (s: string) => s.replace(/:[A-Za-z]+/g, ':param').replace(/\s+/g, ' ');

/** How titles name an operation: `POST /classes/:classId/join`, without the `/api/v1` prefix. */
export function titlePrefix(op: Operation): string {
  return `${op.method.toUpperCase()} ${op.path.replace(/^\/api\/v1(?=\/)/, '')}`;
}

/**
 * The cases an operation's description calls for: success; validation failure when it takes input;
 * 401 unauthenticated and invalid_token plus a wrong-tenant case when it needs a user; 404 for a non-member
 * when it is for members; 403 insufficient_role when it is for facilitators or owners; and a case for every
 * error id it declares.
 */
export function requiredCases(op: Operation): RequiredCase[] {
  const prefix = normalize(titlePrefix(op));
  const starting = (label: string, extra?: (title: string) => boolean): RequiredCase => ({
    label,
    matches: (title) => {
      const t = normalize(title);
      return t.startsWith(`${prefix} ${label}`) && (extra ? extra(t) : true);
    },
  });
  const cases: RequiredCase[] = [starting(`${op.status} `)];
  const withId = (id: keyof typeof ERROR_STATUS) => starting(`${ERROR_STATUS[id]} ${id}`);
  if (op.params || op.query || op.body) cases.push(withId('validation_failed'));
  if (op.auth === 'user') {
    cases.push(withId('unauthenticated'), withId('invalid_token'));
    cases.push({
      label: 'a case for another tenant',
      matches: (title) => normalize(title).startsWith(`${prefix} `) && /tenant/i.test(title),
    });
  }
  if (op.access === 'member' || op.access === 'facilitator' || op.access === 'owner') {
    cases.push(starting('404 not_found', (t) => /non-member/i.test(t)));
  }
  if (op.access === 'facilitator' || op.access === 'owner') cases.push(withId('insufficient_role'));
  for (const id of op.errors) cases.push(withId(id));
  return cases.filter((c, i) => cases.findIndex((d) => d.label === c.label) === i);
}

/** The literal titles of `it(...)`/`test(...)` calls in a test file's source, `.each` tables excluded. */
export function testTitles(source: string): string[] {
  const titles: string[] = [];
  for (const m of source.matchAll(/\b(?:it|test)\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)) {
    titles.push(m[2]!.replace(/\\(.)/g, '$1'));
  }
  return titles;
}
