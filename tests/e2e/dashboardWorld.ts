import { buildUser, type TestService, type TestUser } from '../../shared/server/test/testService';
import {
  claimFlags,
  editNote,
  flagBlock,
  writeBlocks,
} from '../../shared/server/routes/dashboard/test/flaggedNote';

/** A class with a facilitator, three students, one live session with a finished Peer Instruction round,
 * a question round with an anonymous question answered by the facilitator, and flagged notes. */
export interface DashboardWorld {
  facilitator: TestUser;
  students: TestUser[];
  classId: string;
  className: string;
  sessionId: string;
  sessionTitle: string;
}

const PI = {
  kind: 'peer_instruction' as const,
  question: 'Which force keeps the Moon in orbit?',
  options: ['Magnetism', 'Gravity', 'Friction', 'Inertia alone'],
  correctOption: 1,
};

/** Builds the world through the public API and the notes socket, as real clients would. */
export async function buildDashboardWorld(svc: TestService, tenantId: string): Promise<DashboardWorld> {
  const facilitator = buildUser({ tenantId, name: 'Ada Lind' });
  const students = ['Bo Berg', 'Chen Wei', 'Dara Okafor'].map((name) => buildUser({ tenantId, name }));
  const owner = await svc.as(facilitator);
  const cls = await owner.call('createClass', { body: { name: 'Mechanics 101' } });
  const session = await owner.call('createSession', {
    params: { classId: cls.id },
    body: { title: 'Lecture 3: Forces' },
  });
  const clients = [];
  for (const s of students) {
    const c = await svc.as(s);
    await c.call('joinClass', { params: { classId: cls.id }, body: { joinCode: cls.joinCode! } });
    clients.push(c);
  }
  const send = (c: typeof owner, roundId: string, event: Record<string, unknown>) =>
    c.call('sendRoundEvent', { params: { roundId }, body: { event: event as never } });

  const pi = await owner.call('startRound', {
    params: { sessionId: session.id },
    body: { round: PI, eligibleCount: 3 },
  });
  const first = [0, 2, 1];
  const second = [1, 1, 1];
  for (const [i, c] of clients.entries()) {
    await send(c, pi.roundId, { type: 'answer', option: first[i], confidence: 'medium' });
  }
  await send(owner, pi.roundId, { type: 'closePhase', phase: 'answering' });
  await send(owner, pi.roundId, { type: 'advance', to: 'discussion' });
  await send(owner, pi.roundId, { type: 'advance', to: 'revote' });
  for (const [i, c] of clients.entries()) {
    await send(c, pi.roundId, { type: 'revote', option: second[i], confidence: 'high' });
  }
  await send(owner, pi.roundId, { type: 'advance', to: 'revealed' });
  await send(owner, pi.roundId, { type: 'advance' });

  const qr = await owner.call('startRound', {
    params: { sessionId: session.id },
    body: { round: { kind: 'question_round', topic: 'Orbits' } },
  });
  await send(clients[0]!, qr.roundId, { type: 'ask', text: 'Why is the orbit an ellipse?', anonymous: true });
  await send(owner, qr.roundId, { type: 'closePhase', phase: 'asking' });
  await send(owner, qr.roundId, {
    type: 'answerQuestion',
    questionId: 'q1',
    text: 'Energy and angular momentum fix an ellipse; a circle is a special case.',
  });

  const me = students[0]!;
  let myFlag = '';
  await editNote(svc, me, session.id, (doc) => {
    // Round summaries may already be in the note: flag the blocks written here, wherever they start.
    const at = writeBlocks(doc, [
      { heading: 'Newton’s laws', level: 2 },
      { text: 'A body stays at rest or in uniform motion unless a force acts on it.' },
      { heading: 'Orbits', level: 2 },
      { text: 'The Moon falls towards the Earth all the time and keeps missing it.' },
    ]);
    myFlag = flagBlock(doc, at + 3, { userId: me.userId, name: me.name });
    flagBlock(doc, at + 3, { userId: students[1]!.userId, name: students[1]!.name });
    flagBlock(doc, at + 1, { userId: students[2]!.userId, name: students[2]!.name }, { resolved: true });
  });
  await claimFlags(svc, me, session.id, [myFlag]);
  return {
    facilitator,
    students,
    classId: cls.id,
    className: cls.name,
    sessionId: session.id,
    sessionTitle: session.title,
  };
}
