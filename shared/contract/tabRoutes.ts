/**
 * Routes the tab serves. The manifest's tab URLs are built from these and a test checks that each one
 * renders, so a renamed route cannot silently break the Teams app.
 */
export const TAB_ROUTES = {
  /** Configurable tab: create or link the class of this team/chat/meeting, pick the view. */
  config: '/tab/config',
  /** Channel or chat tab: sessions, notes, live round. */
  channel: '/tab/class',
  /** Meeting side panel (280-320 px): notes and current round, compact. */
  sidePanel: '/tab/panel',
  /** Meeting stage: projected view of the current round. */
  stage: '/tab/stage',
  /** Static personal tab: my classes, recent sessions, my flags and questions. */
  personal: '/tab/me',
  /** Privacy notice and terms, linked from the manifest. */
  privacy: '/privacy',
  terms: '/terms',
} as const;

export type TabRoute = (typeof TAB_ROUTES)[keyof typeof TAB_ROUTES];
