import { createContext, useContext } from 'react';
import type { TeamsHost } from './teamsHost';

/** The connected Teams host, or null in a plain browser (and while detecting). */
export const TeamsHostContext = createContext<TeamsHost | null>(null);

/** The Teams host for views that call into Teams (the configuration page); null outside Teams. */
export function useTeamsHost(): TeamsHost | null {
  return useContext(TeamsHostContext);
}
