import type { ClassSettings } from '../../contract/classes';
import { viewRound, type RoundState, type RoundView, type Viewer } from '../../contract/rounds';

/**
 * Synthetic viewers of published views. Neither can be a real user: the commands refuse these ids as
 * actors, so the public view is always that of a student who has done nothing, and holds nothing private.
 */
export const PUBLIC_VIEWER_ID = 'stoa:public';
export const FACILITATORS_VIEWER_ID = 'stoa:facilitators';

/** Ids reserved for the service's own viewers and actor; no principal may act under one. */
export function isReservedUserId(userId: string): boolean {
  return userId.startsWith('stoa:');
}

/** A round as one viewer may see it; anonymity (and the class's fully-anonymous setting) applied. */
export function presentRound(
  state: RoundState,
  viewer: Viewer,
  settings: ClassSettings,
  now: number,
): RoundView {
  return viewRound(state, viewer, { fullyAnonymous: settings.fullyAnonymous, now });
}

/** What every member may see: the view of a student who has not answered, asked or been grouped. */
export function presentPublicRound(state: RoundState, settings: ClassSettings, now: number): RoundView {
  return presentRound(state, { userId: PUBLIC_VIEWER_ID, role: 'student' }, settings, now);
}

/** What the class's facilitators see, live results and every student included. */
export function presentFacilitatorRound(state: RoundState, settings: ClassSettings, now: number): RoundView {
  return presentRound(state, { userId: FACILITATORS_VIEWER_ID, role: 'facilitator' }, settings, now);
}
