import type { Session } from '../../../contract/sessions';
import { noteClient, typeParagraph, waitFor, type NoteClient } from '../../notes/test/collabClient';
import {
  buildRoundWorld,
  noteContaining,
  PI_ROUND,
  send,
  startRound,
  type RoundWorld,
} from '../../rounds/test/roundWorld';
import { actor, buildSession, type Actor } from '../../test/factories';
import type { TestService } from '../../test/testService';
import { annotate, anonymousComment, anonymousFlag } from './annotations';

/**
 * A class as it looks after two lectures, for erasure tests: an owner, a facilitator and eight students who
 * co-edit the notes (body text, flags, threads, anonymous flags and comments), a Peer Instruction round,
 * a muddiest point, a question round with named and anonymous questions and endorsed peer answers (their
 * summaries written into the notes), a later question that matches the notes heading of the subject's
 * question, saved versions, and a second session with a named poll, a word cloud and always-on backstage
 * questions and answers. `subject` is erased by an administrator and
 * `selfErased` erases themself; their texts are listed for the scan.
 */
export interface RealisticClass {
  w: RoundWorld;
  sessions: Session[];
  roundIds: string[];
  subject: Actor;
  selfErased: Actor;
  subjectTexts: string[];
  selfErasedTexts: string[];
  /** A later question of a classmate that matched the subject's question in the notes. */
  matchingQuestion: { roundId: string; text: string };
  versions: { sessionId: string; versionId: string }[];
  annotationIds: string[];
}

/** The subject's named question; its answer is endorsed, so the notes get a heading with it. */
export const SUBJECT_QUESTION = 'Why is the orbit an ellipse and not a circle?';
const SUBJECT_ANON_QUESTION = 'How do astronomers measure the mass of a planet?';
const SUBJECT_PEER_ANSWER = 'It only depends on the semi-major axis of the orbit.';
const SUBJECT_MUDDY = 'Kepler’s third law and its units';
const SUBJECT_COMMENT = 'I do not follow the step from energy to orbit shape.';
const SUBJECT_ANON_COMMENT = 'Same question here, the derivation skips a step.';
const SUBJECT_SECOND_QUESTION = 'Does the orbit of the Moon precess over the years?';
const SELF_MUDDY = 'The escape velocity derivation was too fast';
const SELF_COMMENT = 'Which formula gives the escape velocity again?';
const SUBJECT_WORD = 'Gravitational slingshot';
const SUBJECT_BACKSTAGE_QUESTION = 'Will the exam ask us to derive the vis-viva equation?';
const SUBJECT_BACKSTAGE_ANSWER = 'Last year the exam only asked to apply the vis-viva equation.';
const SELF_BACKSTAGE_QUESTION = 'Could you repeat how the Hohmann transfer saves fuel?';

/** A token for a user, as the tab would hold it. */
export async function tokenOf(t: TestService, user: Actor['user']): Promise<string> {
  return (await t.anonymous().call('createDevToken', { body: user })).token;
}

/** Opens a note as `who`, lets `write` edit it, and waits until the service has stored the edit. */
async function editNote(t: TestService, sessionId: string, who: Actor, write: (c: NoteClient) => void) {
  const client = noteClient(t.url, sessionId, await tokenOf(t, who.user));
  try {
    await waitFor(() => client.provider.isSynced, 'the note to sync');
    write(client);
    await waitFor(() => client.provider.unsyncedChanges === 0, 'the edit to be acknowledged');
  } finally {
    client.destroy();
  }
}

async function answerIdOf(w: RoundWorld, roundId: string, text: string): Promise<string> {
  const view = await w.facilitator.client.call('getRound', { params: { roundId } });
  if (view.kind !== 'question_round') throw new Error('expected a question round');
  const answer = view.questions.flatMap((q) => q.answers).find((a) => a.text === text);
  if (!answer) throw new Error(`no answer "${text}"`);
  return answer.id;
}

/** Builds the class described above; every summary is in the notes when it returns. */
export async function buildRealisticClass(t: TestService): Promise<RealisticClass> {
  const w = await buildRoundWorld(t, 5);
  const joinCode = w.cls.joinCode ?? '';
  const subject = await actor(t, { name: 'Zelda Quintero-Marsh' });
  const selfErased = await actor(t, { name: 'Birgit Oyelaran-Holm' });
  for (const a of [subject, selfErased]) {
    await a.client.call('joinClass', { params: { classId: w.cls.id }, body: { joinCode } });
  }
  const students = [w.student, ...w.students, subject, selfErased];
  const [c1, c2, c3] = w.students as [Actor, Actor, Actor];
  const s1 = w.session.id;
  const annotationIds: string[] = [];

  // Co-edited notes: body text, named flags and threads, anonymous flags and comments.
  await editNote(t, s1, c1, (c) => {
    typeParagraph(c.doc, 'Kepler: planets move on ellipses with the Sun at one focus.');
    annotate(c.doc, c1.user, 'focus', 'Is the focus the centre of mass?');
  });
  for (const [who, comment] of [
    [subject, SUBJECT_COMMENT],
    [selfErased, SELF_COMMENT],
  ] as const) {
    let flag = '';
    let anon: { annotationId: string; commentId: string } | null = null;
    await editNote(t, s1, who, (c) => {
      typeParagraph(c.doc, 'Energy decides the size of the orbit, angular momentum its shape.');
      annotate(c.doc, who.user, 'ellipses', comment);
      flag = anonymousFlag(c.doc, 'perihelion');
      if (who === subject) anon = anonymousComment(c.doc, SUBJECT_ANON_COMMENT);
    });
    annotationIds.push(flag);
    await who.client.call('claimAnnotationAuthor', {
      params: { sessionId: s1, annotationId: flag },
      body: {},
    });
    const claimed = anon as { annotationId: string; commentId: string } | null;
    if (claimed) {
      await who.client.call('claimAnnotationAuthor', {
        params: { sessionId: s1, annotationId: claimed.annotationId },
        body: { commentId: claimed.commentId },
      });
    }
  }

  // Peer Instruction: every student answers and re-votes.
  const pi = await startRound(w, PI_ROUND);
  for (const [i, s] of students.entries()) {
    await send(s, pi.roundId, { type: 'answer', option: i % 3, confidence: 'medium' }, 'a');
  }
  await send(w.facilitator, pi.roundId, { type: 'closePhase', phase: 'answering' });
  await send(w.facilitator, pi.roundId, { type: 'advance', to: 'discussion' });
  await send(w.facilitator, pi.roundId, { type: 'advance', to: 'revote' });
  for (const s of students) await send(s, pi.roundId, { type: 'revote', option: 1, confidence: 'high' }, 'r');
  await send(w.facilitator, pi.roundId, { type: 'advance', to: 'revealed' });

  // Muddiest point: the subject's and the self-erased student's texts end up in the notes' ranked list.
  const mp = await startRound(w, { kind: 'muddiest_point', prompt: 'What was least clear today?' });
  await send(subject, mp.roundId, { type: 'submitMuddy', text: SUBJECT_MUDDY }, 'm');
  await send(selfErased, mp.roundId, { type: 'submitMuddy', text: SELF_MUDDY }, 'm');
  await send(c1, mp.roundId, { type: 'submitMuddy', text: 'Why tides come twice a day' }, 'm');
  await send(w.facilitator, mp.roundId, { type: 'advance' });
  await noteContaining(w.facilitator, s1, SUBJECT_MUDDY);

  // Question round: named and anonymous questions, votes, peer answers, endorsements.
  const qr = await startRound(w, { kind: 'question_round', topic: 'Orbits' });
  await send(subject, qr.roundId, { type: 'ask', text: SUBJECT_QUESTION }, 'q1');
  await send(subject, qr.roundId, { type: 'ask', text: SUBJECT_ANON_QUESTION, anonymous: true }, 'q2');
  await send(c1, qr.roundId, { type: 'ask', text: 'What sets the orbital period of a moon?' }, 'q');
  for (const s of [c1, c2, c3]) await send(s, qr.roundId, { type: 'vote', questionId: 'q1', value: 1 }, 'v');
  await send(subject, qr.roundId, { type: 'vote', questionId: 'q3', value: 1 }, 'v');
  await send(w.facilitator, qr.roundId, { type: 'closePhase', phase: 'asking' });
  await send(w.facilitator, qr.roundId, { type: 'assign', questionId: 'q3', userIds: [subject.user.userId] });
  await send(w.facilitator, qr.roundId, { type: 'assign', questionId: 'q1', userIds: [c2.user.userId] });
  await send(
    subject,
    qr.roundId,
    { type: 'answerQuestion', questionId: 'q3', text: SUBJECT_PEER_ANSWER },
    'aq',
  );
  const c2Answer = 'Energy and angular momentum fix an ellipse.';
  await send(c2, qr.roundId, { type: 'answerQuestion', questionId: 'q1', text: c2Answer }, 'aq');
  await send(w.facilitator, qr.roundId, {
    type: 'endorse',
    answerId: await answerIdOf(w, qr.roundId, SUBJECT_PEER_ANSWER),
  });
  await send(w.facilitator, qr.roundId, {
    type: 'endorse',
    answerId: await answerIdOf(w, qr.roundId, c2Answer),
  });
  await send(w.facilitator, qr.roundId, { type: 'advance' });
  await noteContaining(w.facilitator, s1, `Asked by ${subject.user.name}`);
  const mid = await w.facilitator.client.call('createNoteVersion', {
    params: { sessionId: s1 },
    body: { name: 'After the questions' },
  });

  // A later question of a classmate matches the heading of the subject's question in the notes.
  const qr2 = await startRound(w, { kind: 'question_round', topic: 'Orbits, again' });
  const matching = 'Why is an orbit an ellipse and not a circle, really?';
  await send(c3, qr2.roundId, { type: 'ask', text: matching }, 'q');
  await send(c1, qr2.roundId, { type: 'ask', text: 'What are the units in Kepler’s third law?' }, 'q');
  await send(w.facilitator, qr2.roundId, { type: 'closePhase', phase: 'asking' });
  await w.facilitator.client.call('endSession', { params: { sessionId: s1 }, body: {} });
  const end = await w.owner.client.call('createNoteVersion', {
    params: { sessionId: s1 },
    body: { name: 'End' },
  });

  // A second lecture.
  const second = await buildSession(w, 'Lecture 2');
  const s2 = second.id;
  const pi2 = await w.facilitator.client.call('startRound', {
    params: { sessionId: s2 },
    body: { round: { ...PI_ROUND, question: 'Where is the orbit fastest?' } },
  });
  for (const s of [subject, c1, c2]) {
    await send(s, pi2.roundId, { type: 'answer', option: 0, confidence: 'low' }, 'a');
  }
  await send(w.facilitator, pi2.roundId, { type: 'closePhase', phase: 'answering' });
  await send(w.facilitator, pi2.roundId, { type: 'advance', to: 'revealed' });
  const qr3 = await w.facilitator.client.call('startRound', {
    params: { sessionId: s2 },
    body: { round: { kind: 'question_round', topic: 'Precession' } },
  });
  await send(subject, qr3.roundId, { type: 'ask', text: SUBJECT_SECOND_QUESTION, anonymous: true }, 'q');
  await send(w.facilitator, qr3.roundId, { type: 'closePhase', phase: 'asking' });
  await send(w.facilitator, qr3.roundId, {
    type: 'answerQuestion',
    questionId: 'q1',
    text: 'Yes, slowly, because of the Sun’s pull.',
  });
  await send(w.facilitator, qr3.roundId, {
    type: 'endorse',
    answerId: await answerIdOf(w, qr3.roundId, 'Yes, slowly, because of the Sun’s pull.'),
  });
  await send(w.facilitator, qr3.roundId, { type: 'advance' });
  await noteContaining(w.facilitator, s2, SUBJECT_SECOND_QUESTION);
  // Quick rounds and the always-on backstage of the second lecture (features added after erasure was
  // first built: each new data kind gets a place here, so the scan covers it).
  const poll = await w.facilitator.client.call('startRound', {
    params: { sessionId: s2 },
    body: {
      round: { kind: 'poll', question: 'How clear was today?', scale: 5, settings: { anonymous: false } },
    },
  });
  for (const [i, s] of [subject, selfErased, c1].entries()) {
    await send(s, poll.roundId, { type: 'pollAnswer', option: i }, 'p');
  }
  await send(w.facilitator, poll.roundId, { type: 'advance', to: 'gate' });
  await send(w.facilitator, poll.roundId, { type: 'advance', to: 'revealed' });
  await send(w.facilitator, poll.roundId, { type: 'advance' });
  const cloud = await w.facilitator.client.call('startRound', {
    params: { sessionId: s2 },
    body: { round: { kind: 'wordcloud', prompt: 'One phrase for orbits' } },
  });
  await send(subject, cloud.roundId, { type: 'submitWord', text: SUBJECT_WORD }, 'w');
  await send(c1, cloud.roundId, { type: 'submitWord', text: 'Ellipse' }, 'w');
  await send(w.facilitator, cloud.roundId, { type: 'advance', to: 'gate' });
  await send(w.facilitator, cloud.roundId, { type: 'advance', to: 'revealed' });
  await send(w.facilitator, cloud.roundId, { type: 'advance' });
  await noteContaining(w.facilitator, s2, SUBJECT_WORD);
  const asked = await subject.client.call('askBackstage', {
    params: { sessionId: s2 },
    body: { text: SUBJECT_BACKSTAGE_QUESTION, anonymous: true },
  });
  await selfErased.client.call('askBackstage', {
    params: { sessionId: s2 },
    body: { text: SELF_BACKSTAGE_QUESTION },
  });
  const peerQuestion = await c2.client.call('askBackstage', {
    params: { sessionId: s2 },
    body: { text: 'Is the Moon slowly moving away from the Earth?' },
  });
  await c1.client.call('voteBackstage', {
    params: { sessionId: s2, questionId: asked.question.id },
    body: { value: 1 },
  });
  await subject.client.call('answerBackstage', {
    params: { sessionId: s2, questionId: peerQuestion.question.id },
    body: { text: SUBJECT_BACKSTAGE_ANSWER },
  });

  const v2 = await w.facilitator.client.call('createNoteVersion', {
    params: { sessionId: s2 },
    body: { name: 'L2' },
  });

  return {
    w,
    sessions: [w.session, second],
    roundIds: [
      pi.roundId,
      mp.roundId,
      qr.roundId,
      qr2.roundId,
      pi2.roundId,
      qr3.roundId,
      poll.roundId,
      cloud.roundId,
    ],
    subject,
    selfErased,
    subjectTexts: [
      SUBJECT_QUESTION,
      SUBJECT_ANON_QUESTION,
      SUBJECT_PEER_ANSWER,
      SUBJECT_MUDDY,
      SUBJECT_COMMENT,
      SUBJECT_ANON_COMMENT,
      SUBJECT_SECOND_QUESTION,
      SUBJECT_WORD,
      SUBJECT_BACKSTAGE_QUESTION,
      SUBJECT_BACKSTAGE_ANSWER,
    ],
    selfErasedTexts: [SELF_MUDDY, SELF_COMMENT, SELF_BACKSTAGE_QUESTION],
    matchingQuestion: { roundId: qr2.roundId, text: matching },
    versions: [
      { sessionId: s1, versionId: mid.id },
      { sessionId: s1, versionId: end.id },
      { sessionId: s2, versionId: v2.id },
    ],
    annotationIds,
  };
}
