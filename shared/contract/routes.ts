import type { OperationId } from './api';
import type { HttpMethod, Operation } from './operation';

/**
 * Where each REST operation lives, without its schemas: what a client needs to make a call. The browser
 * tab calls through this table so it does not load every operation's zod schemas (and zod itself) just
 * to know a method and a path. `routes.test.ts` checks that it matches `operations` entry for entry.
 */
export interface Route {
  method: HttpMethod;
  path: string;
  auth: Operation['auth'];
  /** The operation takes a JSON body. */
  body?: true;
  contentType?: Operation['contentType'];
}

export const ROUTES: Record<OperationId, Route> = {
  startRound: { method: 'post', path: '/api/v1/sessions/:sessionId/rounds', auth: 'user', body: true },
  listRounds: { method: 'get', path: '/api/v1/sessions/:sessionId/rounds', auth: 'user' },
  getRound: { method: 'get', path: '/api/v1/rounds/:roundId', auth: 'user' },
  sendRoundEvent: { method: 'post', path: '/api/v1/rounds/:roundId/events', auth: 'user', body: true },
  getRoundAnalytics: { method: 'get', path: '/api/v1/rounds/:roundId/analytics', auth: 'user' },
  getSessionAnalytics: { method: 'get', path: '/api/v1/sessions/:sessionId/analytics', auth: 'user' },
  setRoundCard: { method: 'put', path: '/api/v1/rounds/:roundId/card', auth: 'user', body: true },
  getRoundCard: { method: 'get', path: '/api/v1/rounds/:roundId/card', auth: 'user' },
  putConversationReference: {
    method: 'put',
    path: '/api/v1/classes/:classId/conversation-reference',
    auth: 'user',
    body: true,
  },
  getConversationReference: {
    method: 'get',
    path: '/api/v1/classes/:classId/conversation-reference',
    auth: 'user',
  },
  exportMyData: { method: 'get', path: '/api/v1/me/export', auth: 'user' },
  eraseMyData: { method: 'post', path: '/api/v1/me/erase', auth: 'user', body: true },
  exportUserData: { method: 'get', path: '/api/v1/admin/users/:userId/export', auth: 'user' },
  eraseUser: { method: 'post', path: '/api/v1/admin/users/:userId/erase', auth: 'user', body: true },
  listAuditEntries: { method: 'get', path: '/api/v1/admin/audit', auth: 'user' },
  getRetention: { method: 'get', path: '/api/v1/admin/retention', auth: 'user' },
  setRetentionPolicy: { method: 'put', path: '/api/v1/admin/retention', auth: 'user', body: true },
  getSessionDashboard: { method: 'get', path: '/api/v1/sessions/:sessionId/dashboard', auth: 'user' },
  getClassDashboard: { method: 'get', path: '/api/v1/classes/:classId/dashboard', auth: 'user' },
  exportRoundResults: {
    method: 'get',
    path: '/api/v1/sessions/:sessionId/rounds.csv',
    auth: 'user',
    contentType: 'text/csv',
  },
  getMyActivity: { method: 'get', path: '/api/v1/me/activity', auth: 'user' },
  createDevToken: { method: 'post', path: '/api/v1/dev/token', auth: 'none', body: true },
  getMe: { method: 'get', path: '/api/v1/me', auth: 'user' },
  listClasses: { method: 'get', path: '/api/v1/classes', auth: 'user' },
  createClass: { method: 'post', path: '/api/v1/classes', auth: 'user', body: true },
  ensureClass: { method: 'post', path: '/api/v1/classes/ensure', auth: 'user', body: true },
  getClass: { method: 'get', path: '/api/v1/classes/:classId', auth: 'user' },
  updateClass: { method: 'patch', path: '/api/v1/classes/:classId', auth: 'user', body: true },
  joinClass: { method: 'post', path: '/api/v1/classes/:classId/join', auth: 'user', body: true },
  listMembers: { method: 'get', path: '/api/v1/classes/:classId/members', auth: 'user' },
  setMemberRole: {
    method: 'put',
    path: '/api/v1/classes/:classId/members/:userId/role',
    auth: 'user',
    body: true,
  },
  getJoinLink: { method: 'get', path: '/api/v1/classes/:classId/join-link', auth: 'user' },
  rotateJoinLink: {
    method: 'post',
    path: '/api/v1/classes/:classId/join-link',
    auth: 'user',
    body: true,
  },
  joinByLink: { method: 'post', path: '/api/v1/join/:token', auth: 'user', body: true },
  leaveClass: { method: 'post', path: '/api/v1/classes/:classId/leave', auth: 'user', body: true },
  listSessions: { method: 'get', path: '/api/v1/classes/:classId/sessions', auth: 'user' },
  createSession: { method: 'post', path: '/api/v1/classes/:classId/sessions', auth: 'user', body: true },
  getSession: { method: 'get', path: '/api/v1/sessions/:sessionId', auth: 'user' },
  endSession: { method: 'post', path: '/api/v1/sessions/:sessionId/end', auth: 'user', body: true },
  streamSessionEvents: { method: 'get', path: '/api/v1/sessions/:sessionId/events', auth: 'user' },
  getNote: { method: 'get', path: '/api/v1/sessions/:sessionId/notes', auth: 'user' },
  exportNoteMarkdown: {
    method: 'get',
    path: '/api/v1/sessions/:sessionId/notes.md',
    auth: 'user',
    contentType: 'text/markdown',
  },
  listNoteVersions: { method: 'get', path: '/api/v1/sessions/:sessionId/notes/versions', auth: 'user' },
  createNoteVersion: {
    method: 'post',
    path: '/api/v1/sessions/:sessionId/notes/versions',
    auth: 'user',
    body: true,
  },
  getNoteVersion: {
    method: 'get',
    path: '/api/v1/sessions/:sessionId/notes/versions/:versionId',
    auth: 'user',
  },
  restoreNoteVersion: {
    method: 'post',
    path: '/api/v1/sessions/:sessionId/notes/versions/:versionId/restore',
    auth: 'user',
    body: true,
  },
  setNoteLock: { method: 'put', path: '/api/v1/sessions/:sessionId/notes/lock', auth: 'user', body: true },
  claimAnnotationAuthor: {
    method: 'put',
    path: '/api/v1/sessions/:sessionId/annotations/:annotationId/author',
    auth: 'user',
    body: true,
  },
  listAnnotationAuthors: {
    method: 'get',
    path: '/api/v1/sessions/:sessionId/annotations/authors',
    auth: 'user',
  },
  listBackstage: { method: 'get', path: '/api/v1/sessions/:sessionId/backstage', auth: 'user' },
  askBackstage: {
    method: 'post',
    path: '/api/v1/sessions/:sessionId/backstage/questions',
    auth: 'user',
    body: true,
  },
  voteBackstage: {
    method: 'post',
    path: '/api/v1/sessions/:sessionId/backstage/questions/:questionId/vote',
    auth: 'user',
    body: true,
  },
  answerBackstage: {
    method: 'post',
    path: '/api/v1/sessions/:sessionId/backstage/questions/:questionId/answers',
    auth: 'user',
    body: true,
  },
  facilitateBackstage: {
    method: 'post',
    path: '/api/v1/sessions/:sessionId/backstage/questions/:questionId/facilitate',
    auth: 'user',
    body: true,
  },
  reportPost: { method: 'post', path: '/api/v1/sessions/:sessionId/reports', auth: 'user', body: true },
  moderatePost: { method: 'post', path: '/api/v1/sessions/:sessionId/moderation', auth: 'user', body: true },
  getModerationQueue: { method: 'get', path: '/api/v1/classes/:classId/moderation', auth: 'user' },
  getModerationSettings: {
    method: 'get',
    path: '/api/v1/classes/:classId/moderation/settings',
    auth: 'user',
  },
  setModerationSettings: {
    method: 'put',
    path: '/api/v1/classes/:classId/moderation/settings',
    auth: 'user',
    body: true,
  },
  pauseMember: {
    method: 'put',
    path: '/api/v1/classes/:classId/members/:userId/pause',
    auth: 'user',
    body: true,
  },
};
