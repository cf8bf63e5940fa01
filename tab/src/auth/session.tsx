import { createContext, useContext } from 'react';
import type { TabApi } from '../api/tabApi';
import type { TeamsInfo } from '../teams/teamsHost';
import type { Intent } from './devSession';

/** Who is signed in and how the tab talks to the service on their behalf. */
export interface Session {
  api: TabApi;
  /** Name to show in the header, when known. */
  displayName: string | null;
  /** `both` in Teams, where the tab cannot know yet whether the person teaches or studies. */
  intent: Intent | 'both';
  /** The Teams context, or null in a plain browser. */
  teams: TeamsInfo | null;
  /** Present for dev sign-in; Teams sessions end when the tab closes. */
  signOut: (() => void) | null;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; only used below the auth gate, so it is never null there. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession used outside the signed-in part of the tab');
  return session;
}
