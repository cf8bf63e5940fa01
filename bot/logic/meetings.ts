import { canFacilitate, type Class } from '../../shared/contract/classes';
import { isRefusal } from './rounds/roundMessages';
import { LIMITS } from '../../shared/contract/limits';
import { ensureClass } from './classes';
import { lectureTitle, liveSession } from './rounds/session';
import { endCommand } from './rounds/statusCommands';
import type { Reply, Turn } from './types';

/** What Teams says about a meeting that started or ended (`application/vnd.microsoft.meeting*`). */
export interface MeetingInfo {
  title: string | null;
}

/** The session of a meeting is named after it, with the date, so a series of lectures stays apart. */
export function meetingSessionTitle(title: string | null, now: number): string {
  const date = lectureTitle(now).slice('Lecture '.length);
  const name = title?.trim();
  if (!name) return lectureTitle(now);
  const suffix = ` (${date})`;
  return name.slice(0, LIMITS.sessionTitleMax - suffix.length) + suffix;
}

/** The meeting chat's class as the event's user sees it; null when they may not set one up (or join). */
async function meetingClass(turn: Turn): Promise<Class | null> {
  try {
    return (await ensureClass(turn.deps, turn.who, turn.conversation, turn.standing)).cls;
  } catch (err) {
    if (isRefusal(err)) return null;
    throw err;
  }
}

/**
 * A meeting of the class started: its session opens, so notes and rounds are ready when the lecture
 * begins. Teams names whoever started it; only a facilitator's meeting opens a session, and a session that
 * is already live is kept (a meeting that restarts does not split the lecture).
 */
export async function onMeetingStart(turn: Turn, meeting: MeetingInfo): Promise<Reply[]> {
  const cls = await meetingClass(turn);
  if (!cls) return [];
  await turn.deps.rememberConversation(turn.who, cls.id, turn.reference);
  if (!canFacilitate(cls.myRole)) return [];
  const client = turn.deps.stoaFor(turn.who);
  if (await liveSession(client, cls.id)) return [];
  const title = meetingSessionTitle(meeting.title, turn.deps.now());
  await client.call('createSession', { params: { classId: cls.id }, body: { title } });
  return [
    {
      type: 'text',
      text:
        `The meeting started, so I opened the session **${title}**. The notes are in the Stoa tab; ` +
        'facilitators start a round with **pi**, **ask**, **muddy**, **poll** or **cloud**.',
    },
  ];
}

/**
 * The meeting ended: its running round ends (and is summed up in the notes) and the session closes. Only
 * for a facilitator, as with `end session`; with nothing live, nothing is said.
 */
export async function onMeetingEnd(turn: Turn): Promise<Reply[]> {
  const cls = await meetingClass(turn);
  if (!cls || !canFacilitate(cls.myRole)) return [];
  if (!(await liveSession(turn.deps.stoaFor(turn.who), cls.id))) return [];
  const replies = await endCommand({ ...turn, cls, args: 'session', welcomed: false });
  // One notification for the meeting's end: the card updates first, then a single message.
  const texts = replies.flatMap((r) => (r.type === 'text' ? [r.text] : []));
  return [
    ...replies.filter((r) => r.type !== 'text'),
    { type: 'text', text: ['The meeting ended.', ...texts].join(' ') },
  ];
}
