import type { StoaClient } from '../../../shared/client/client';
import { isFinalPhase } from '../../../shared/contract/rounds/phases';
import type { RoundView } from '../../../shared/contract/rounds/viewSchemas';
import type { Session } from '../../../shared/contract/sessions';

/** Sessions are listed newest first; the live one of a lecture is among the first few. */
const SESSIONS_LOOKED_AT = 20;

/** The newest live session of the class, or null. */
export async function liveSession(client: StoaClient, classId: string): Promise<Session | null> {
  const page = await client.call('listSessions', {
    params: { classId },
    query: { limit: SESSIONS_LOOKED_AT },
  });
  return page.items.find((s) => s.status === 'live') ?? null;
}

/** `Lecture 2026-05-12`: the title of a session the bot opens on its own (UTC date, the same for everyone). */
export function lectureTitle(now: number): string {
  return `Lecture ${new Date(now).toISOString().slice(0, 10)}`;
}

/**
 * The live session to run a round in. A facilitator who starts a round without one gets a new session
 * titled after today's date, so `pi` works as the first thing typed in a lecture.
 */
export async function ensureLiveSession(
  client: StoaClient,
  classId: string,
  now: number,
): Promise<{ session: Session; created: boolean }> {
  const live = await liveSession(client, classId);
  if (live) return { session: live, created: false };
  const session = await client.call('createSession', {
    params: { classId },
    body: { title: lectureTitle(now) },
  });
  return { session, created: true };
}

/** The running round of a session (newest started and not ended or cancelled), or null. */
export async function currentRound(client: StoaClient, sessionId: string): Promise<RoundView | null> {
  const { items } = await client.call('listRounds', { params: { sessionId } });
  return items.find((r) => r.phase !== 'ready' && !isFinalPhase(r.phase)) ?? null;
}

/**
 * The session's rounds that were created and never started: saved questions (`pi save ...`, or saved from
 * the tab) and a round whose start was refused after its card went out. Newest first.
 */
export async function unstartedRounds(client: StoaClient, sessionId: string): Promise<RoundView[]> {
  const { items } = await client.call('listRounds', { params: { sessionId } });
  return items.filter((r) => r.phase === 'ready');
}
