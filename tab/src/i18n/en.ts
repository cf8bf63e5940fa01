import { backstageEn } from './backstageEn';
import { dashboardEn } from './dashboardEn';
import { notesEn } from './notesEn';
import { quickEn } from './quickEn';
import { peopleEn } from './peopleEn';
import { roundsEn } from './roundsEn';
import { uiEn } from './uiEn';

/**
 * English strings. The key set defines `MessageKey`; every other language must provide the same keys
 * (typed as `Messages`), so a missing translation is a type error rather than a blank button.
 */
export const en = {
  'app.name': 'Stoa',
  'app.loading': 'Loading Stoa…',
  'app.skipToContent': 'Skip to content',
  'app.nav': 'Stoa',
  'nav.myClasses': 'My classes',
  'nav.signOut': 'Sign out',
  'nav.signedInAs': 'Signed in as {name}',

  'signIn.title': 'Sign in to Stoa',
  'signIn.intro':
    'You are using Stoa outside Microsoft Teams. Pick a test person or type your own details to sign in for development.',
  'signIn.presets': 'Test people',
  'signIn.presetHint': '{tenant} · {intent}',
  'signIn.name': 'Display name',
  'signIn.tenantId': 'Tenant id',
  'signIn.userId': 'User id',
  'signIn.userIdHint': 'Leave empty to derive it from the name.',
  'signIn.intent': 'I am here as',
  'signIn.intent.facilitator': 'Facilitator (teacher)',
  'signIn.intent.student': 'Student',
  'signIn.submit': 'Sign in',
  'signIn.busy': 'Signing in…',
  'signIn.disabled': 'Development sign-in is turned off here. Open Stoa from Microsoft Teams.',
  'signIn.expired': 'Your session ended. Please sign in again.',

  'teams.connecting': 'Connecting to Microsoft Teams…',
  'teams.signingIn': 'Signing you in with Teams…',
  'teams.consentTitle': 'Stoa needs your permission',
  'teams.consent':
    'Teams could not sign you in because consent for Stoa has not been given yet. Select “Try again” to see the consent prompt; if it does not appear, ask your Teams admin to grant consent for Stoa in the Teams admin center.',
  'teams.consentAppId': 'For admins: the Stoa app registration (client) id is {id}.',
  'teams.ssoFailedTitle': 'Teams sign-in did not work',
  'teams.ssoFailed': 'Teams could not sign you in to Stoa ({reason}). Try again, or reopen the tab.',

  'classes.title': 'My classes',
  'classes.loading': 'Loading your classes…',
  'classes.empty.facilitator':
    'You have no classes yet. Create one, or join one with the class id and code from its facilitator.',
  'classes.empty.student': 'You have no classes yet. Ask your facilitator for the class id and join code.',
  'classes.listLabel': 'Your classes',
  'classes.loadMore': 'Show more',
  'classes.create': 'Create class',
  'classes.create.name': 'Class name',
  'classes.create.submit': 'Create',
  'classes.create.done': 'Created “{name}”.',
  'classes.join': 'Join with a code',
  'classes.join.classId': 'Class id',
  'classes.join.code': 'Join code',
  'classes.join.submit': 'Join',
  'classes.join.done': 'You joined “{name}”.',
  'classes.cancel': 'Cancel',
  'classes.busy': 'Working…',

  'role.owner': 'Owner',
  'role.facilitator': 'Facilitator',
  'role.student': 'Student',

  'class.loading': 'Loading the class…',
  'class.back': 'All classes',
  'class.role': 'Your role: {role}',
  'class.id': 'Class id',
  'class.joinCode': 'Join code',
  'class.shareHint': 'Students join from “My classes” with the class id and this code.',
  'class.missingId': 'Choose a class to open.',

  'sessions.title': 'Sessions',
  'sessions.loading': 'Loading sessions…',
  'sessions.empty': 'No sessions yet.',
  'sessions.emptyFacilitator': 'No sessions yet. Start one when the lecture begins.',
  'sessions.start': 'Start session',
  'sessions.titleLabel': 'Session title',
  'sessions.started': 'Started “{title}”.',
  'sessions.live': 'Live',
  'sessions.ended': 'Ended',
  'sessions.startedAt': 'Started {time}',

  'placeholder.body': 'Open one of your classes:',
  'live.title': 'Stoa',
  'live.loading': 'Looking for the live lecture…',
  'live.noClass':
    'Stoa is not set up for this meeting yet. A facilitator adds it from the meeting’s Stoa tab settings.',
  'live.noSession':
    'No lecture is live right now. The notes open here as soon as the meeting starts or a facilitator starts a round.',
  'live.checkAgain': 'Check again',
  'live.openClass': 'Open the class',

  'notFound.title': 'Page not found',
  'notFound.body': 'There is nothing at this address.',
  'notFound.home': 'Go to my classes',

  'privacy.title': 'Privacy notice',
  'privacy.p1':
    'Stoa stores what you create in a class: your name and Teams user and tenant ids, your role, the shared notes, questions, answers and votes. It stores them in the database of the organisation that runs Stoa and nowhere else.',
  'privacy.p2':
    'Classmates see only what you post openly. When you post anonymously, other students never receive your name; facilitators see it only if the class allows it.',
  'privacy.p3':
    'Stoa uses no advertising or tracking cookies. Ask your facilitator or your organisation’s administrator to see, export or delete your data.',
  'terms.title': 'Terms of use',
  'terms.p1':
    'Stoa is provided by your organisation for teaching and learning. Use it for the class you are in, and treat classmates with respect.',
  'terms.p2':
    'Do not post content you have no right to share, personal data of others, or anything unlawful. Facilitators may remove posts that break these rules.',
  'terms.p3': 'Stoa is provided as is, without warranty. Your organisation’s own policies also apply.',

  'common.retry': 'Try again',
  'common.required': 'Please fill in “{field}”.',
  'common.close': 'Dismiss',

  'errors.bad_request': 'Stoa could not understand that request.',
  'errors.invalid_json': 'Stoa could not understand that request.',
  'errors.validation_failed': 'Some of the details are not valid. Check them and try again.',
  'errors.unsupported_media_type': 'Stoa could not understand that request.',
  'errors.payload_too_large': 'That is too much text to send at once.',
  'errors.unauthenticated': 'Please sign in again.',
  'errors.invalid_token': 'Your sign-in has expired. Please sign in again.',
  'errors.forbidden': 'That class id and join code do not match.',
  'errors.insufficient_role': 'Only facilitators of this class can do that.',
  'errors.not_a_member': 'You are not a member of this class.',
  'errors.class_not_set_up':
    'Stoa is not set up here yet. The meeting organizer, a presenter or whoever added Stoa can start it.',
  'errors.guests_not_allowed': 'This class does not let guests join. Ask a facilitator to add you.',
  'errors.wrong_tenant': 'This class belongs to another organisation.',
  'errors.not_found': 'That class or session does not exist, or you are not a member of it.',
  'errors.route_not_found': 'This version of the tab does not match the service. Reload the page.',
  'errors.method_not_allowed': 'This version of the tab does not match the service. Reload the page.',
  'errors.conflict': 'This conversation already has a class.',
  'errors.session_ended': 'This session has ended.',
  'errors.round_refused':
    'The round cannot take that right now (it may have moved on). Refresh and try again.',
  'errors.backstage_refused': 'That question cannot take this any more. Refresh the list and try again.',
  'errors.posting_paused': 'A facilitator has paused your posting in this class for a while.',
  'errors.last_owner': 'A class needs at least one owner. Make someone else an owner first.',
  'errors.rate_limited': 'You are going a little fast. Wait a moment and try again.',
  'errors.dev_auth_disabled': 'Development sign-in is turned off on this service. Open Stoa from Teams.',
  'errors.internal_error': 'Something went wrong on our side. Try again in a moment.',
  'errors.service_unavailable': 'Stoa is busy or restarting. Try again in a moment.',
  'errors.network': 'Stoa cannot be reached. Check your connection and try again.',
  'errors.unknown': 'Something unexpected happened. Try again.',

  ...notesEn,
  ...roundsEn,
  ...quickEn,
  ...dashboardEn,
  ...uiEn,
  ...peopleEn,
  ...backstageEn,
} as const;

export type MessageKey = keyof typeof en;
/** A complete catalog: every key, as plain strings with `{name}` placeholders. */
export type Messages = Record<MessageKey, string>;
