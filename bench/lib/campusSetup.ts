import { mintBotToken } from '../../shared/client/botToken';
import { DEV_BOT_SECRET } from '../../shared/contract/auth';
import { devToken } from './service';

/** One live lecture: its class, its session (the note's name), the facilitator and 30 students. */
export interface CampusSession {
  index: number;
  sessionId: string;
  ownerToken: string;
  /** Act-as tokens of the students, as the bot brings them in; they open the note and the stream too. */
  studentTokens: string[];
  /** Which service instance this lecture's people reach first (the balancer's choice). */
  instance: number;
}

const TOKEN_TTL_S = 4 * 3600;

async function call(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Runs `task` for 0..count-1, `width` at a time. */
export async function inParallel<T>(
  count: number,
  width: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const out = new Array<T>(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, lane));
  return out;
}

/**
 * `count` lectures through the public API, each its own class with a facilitator and `students` distinct
 * students (a student is in one lecture at a time), spread over `urls` round robin.
 */
export async function setUpLectures(
  urls: string[],
  count: number,
  students: number,
): Promise<CampusSession[]> {
  const tenantId = 'bench-campus';
  return inParallel(count, 4, async (index) => {
    const instance = index % urls.length;
    const url = urls[instance]!;
    const ownerToken = await devToken(url, {
      tenantId,
      userId: `teacher-${index}`,
      name: `Teacher ${index}`,
    });
    const cls = (await call(url, ownerToken, 'POST', '/api/v1/classes', { name: `Lecture ${index}` })) as {
      id: string;
      joinCode: string;
    };
    const session = (await call(url, ownerToken, 'POST', `/api/v1/classes/${cls.id}/sessions`, {
      title: `Lecture ${index}`,
    })) as { id: string };
    const studentTokens = await inParallel(students, 10, async (i) => {
      const token = await mintBotToken(
        DEV_BOT_SECRET,
        { tenantId, userId: `s-${index}-${i}`, name: `Student ${index}.${i}` },
        TOKEN_TTL_S,
      );
      await call(url, token, 'POST', `/api/v1/classes/${cls.id}/join`, { joinCode: cls.joinCode });
      return token;
    });
    return { index, sessionId: session.id, ownerToken, studentTokens, instance };
  });
}

/** A Peer Instruction question as a facilitator starts it, for the given roster. */
export function piRound(index: number): unknown {
  return {
    round: {
      kind: 'peer_instruction',
      question: `Question of lecture ${index}: which force keeps the Moon in orbit?`,
      options: ['Magnetism', 'Gravity', 'Friction', 'Inertia'],
      correctOption: 1,
    },
  };
}

export { call as campusCall };
