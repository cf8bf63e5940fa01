import { openEventStream, type EventStreamHandle } from '../../../client/eventStream';
import type { SessionEventEnvelope } from '../../../contract/events';
import type { RoundCreateInput, RoundEventInput, RoundView } from '../../../contract/rounds';
import type { Session } from '../../../contract/sessions';
import type { StoaClient } from '../../../client/client';
import { actor, buildClass, buildSession, type Actor, type ClassWorld } from '../../test/factories';
import type { TestService, TestUser } from '../../test/testService';

/** A class with a session and `n` extra students, for running rounds. */
export interface RoundWorld extends ClassWorld {
  session: Session;
  students: Actor[];
}

/** Polls until `check` holds, or fails after `ms`. */
export async function until(check: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Builds a class (owner, facilitator, student, outsider, other tenant), a live session and `n` more students. */
export async function buildRoundWorld(t: TestService, n = 0): Promise<RoundWorld> {
  const w = await buildClass(t);
  const session = await buildSession(w);
  const joinCode = w.cls.joinCode ?? '';
  const students: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const s = await actor(t, { name: `Student ${String(i + 1).padStart(2, '0')}` });
    await s.client.call('joinClass', { params: { classId: w.cls.id }, body: { joinCode } });
    students.push(s);
  }
  return { ...w, session, students };
}

/** A Peer Instruction round with four options, B correct. */
export const PI_ROUND: Extract<RoundCreateInput, { kind: 'peer_instruction' }> = {
  kind: 'peer_instruction',
  question: 'Which force keeps the Moon in orbit?',
  options: ['Magnetism', 'Gravity', 'Friction', 'Inertia alone'],
  correctOption: 1,
};

/** Starts a round in the world's session as its facilitator. */
export function startRound(w: RoundWorld, round: RoundCreateInput, extra: { eligibleCount?: number } = {}) {
  return w.facilitator.client.call('startRound', {
    params: { sessionId: w.session.id },
    body: { round, ...extra },
  });
}

/** Sends one event as `who`. */
export function send(who: Actor, roundId: string, event: RoundEventInput, idempotencyKey?: string) {
  return who.client.call('sendRoundEvent', {
    params: { roundId },
    body: { event, ...(idempotencyKey ? { idempotencyKey } : {}) },
  });
}

/** Everything a user's event stream delivered, in order, with the raw JSON for scanning. */
export interface Followed {
  got: SessionEventEnvelope[];
  raw: string[];
  handle: EventStreamHandle;
  /** The `round_updated` views delivered. */
  views(): RoundView[];
}

/** Follows a session's event stream as `user` (from the start of the log when `fromStart`). */
export async function follow(
  t: TestService,
  user: TestUser,
  sessionId: string,
  fromStart = false,
): Promise<Followed> {
  const token = (await t.anonymous().call('createDevToken', { body: user })).token;
  const got: SessionEventEnvelope[] = [];
  const raw: string[] = [];
  let open = false;
  const handle = openEventStream({
    baseUrl: t.url,
    sessionId,
    getToken: () => token,
    onEvent: (e) => {
      got.push(e);
      raw.push(JSON.stringify(e));
    },
    onState: (s) => (open ||= s === 'open'),
    ...(fromStart ? { lastEventId: 0 } : {}),
  });
  await until(() => open, 10_000, 'the event stream to open');
  return {
    got,
    raw,
    handle,
    views: () => got.flatMap((e) => (e.event.type === 'round_updated' ? [e.event.view] : [])),
  };
}

/** The session's note as Markdown (read through the REST export) once it contains `needle`. */
export async function noteContaining(
  who: Actor,
  sessionId: string,
  needle: string,
  ms = 10_000,
): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const markdown = await who.client.call('exportNoteMarkdown', { params: { sessionId } });
    if (markdown.includes(needle)) return markdown;
    if (Date.now() > end) throw new Error(`the note never contained "${needle}":\n${markdown}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The round as `client` sees it once it has reached `phase` (polling the REST view). */
export async function roundInPhase(
  client: StoaClient,
  roundId: string,
  phase: string,
  ms = 10_000,
): Promise<RoundView> {
  const end = Date.now() + ms;
  for (;;) {
    const view = await client.call('getRound', { params: { roundId } });
    if (view.phase === phase) return view;
    if (Date.now() > end) throw new Error(`round ${roundId} stayed in ${view.phase}, never reached ${phase}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
