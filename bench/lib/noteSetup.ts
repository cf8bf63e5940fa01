import { StoaClient } from '../../shared/client/client';
import { COLLAB_PATH } from '../../shared/contract/collab';

export interface BenchClass {
  /** The owner's API client. */
  owner: StoaClient;
  ownerToken: string;
  classId: string;
  /** One dev token per student who joined the class, in order. */
  studentTokens: string[];
  /** Starts a new live session of the class; its id is the note's document name. */
  newSession(title: string): Promise<string>;
}

/** The `/collab` WebSocket URL of a service. */
export function collabWsUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}${COLLAB_PATH}`;
}

async function inParallel<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(count);
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
 * A class owned by a bench user with `students` distinct students who joined it (each with a dev token
 * minted by the service), through the public REST API. Students may edit notes (the class default).
 */
export async function benchClass(url: string, students: number): Promise<BenchClass> {
  const anon = new StoaClient({ baseUrl: url });
  const tenantId = 'bench-tenant';
  const tokenOf = async (userId: string, name: string) =>
    (await anon.call('createDevToken', { body: { tenantId, userId, name } })).token;
  const ownerToken = await tokenOf('bench-owner', 'Bench Owner');
  const owner = new StoaClient({ baseUrl: url, getToken: () => ownerToken });
  const cls = await owner.call('createClass', { body: { name: 'Bench class' } });
  const studentTokens = await inParallel(students, 16, async (i) => {
    const token = await tokenOf(`bench-student-${i}`, `Student ${i}`);
    const student = new StoaClient({ baseUrl: url, getToken: () => token });
    await student.call('joinClass', { params: { classId: cls.id }, body: { joinCode: cls.joinCode! } });
    return token;
  });
  return {
    owner,
    ownerToken,
    classId: cls.id,
    studentTokens,
    newSession: async (title) =>
      (await owner.call('createSession', { params: { classId: cls.id }, body: { title } })).id,
  };
}
