import fc from 'fast-check';
import type { Actor, RoundEventInput } from '../events';
import { ROUND_PHASES, type RoundKind, type RoundPhase } from '../phases';
import type { RoundState } from '../state';
import { facilitator, student, timer } from './factories';

/** One step of a random session: who does what, and how much later than the step before. */
export interface Step {
  event: RoundEventInput;
  actor: Actor;
  advanceMs: number;
  /** For `closePhase`: close whatever phase the round is in when the step runs. */
  closeCurrent?: boolean;
  /** For `answerQuestion`: act as the nth student assigned to the question, if there is one. */
  asAssigned?: number;
}

/** The event and actor a step stands for in `state` (resolving "the current phase" and "an assigned student"). */
export function resolveStep(state: RoundState, step: Step): { event: RoundEventInput; actor: Actor } {
  if (step.closeCurrent) return { event: { type: 'closePhase', phase: state.phase }, actor: step.actor };
  if (
    step.asAssigned !== undefined &&
    step.event.type === 'answerQuestion' &&
    state.kind === 'question_round'
  ) {
    const questionId = step.event.questionId;
    const q = state.questions.find((x) => x.id === questionId);
    const userId = q?.assignedTo[step.asAssigned % Math.max(1, q.assignedTo.length)];
    const actor = STUDENTS.find((x) => x.userId === userId);
    if (actor) return { event: { ...step.event, anonymous: ANONYMOUS_POSTERS.has(actor.userId) }, actor };
  }
  return { event: step.event, actor: step.actor };
}

export const STUDENTS = [1, 2, 3, 4, 5, 6, 7, 8].map(student);
/** Students who only ever post anonymously in the generated question rounds (for anonymity properties). */
export const ANONYMOUS_POSTERS = new Set(['s-1-x', 's-2-x', 's-3-x']);

const PHASES: RoundPhase[] = [...ROUND_PHASES];
const anyStudent = fc.constantFrom(...STUDENTS);
const anyActor = fc.constantFrom<Actor>(...STUDENTS, facilitator, timer);
const key = fc.option(fc.constantFrom('k1', 'k2'), { nil: undefined });
const confidence = fc.constantFrom('low' as const, 'medium' as const, 'high' as const);
const advanceMs = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 5_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 5_000, max: 400_000 }) },
);

type Act = Omit<Step, 'advanceMs'>;

const TIMED: Record<RoundKind, RoundPhase[]> = {
  peer_instruction: ['answering', 'discussion', 'revote'],
  question_round: ['asking', 'answering'],
  muddiest_point: ['collecting'],
  poll: ['answering'],
  wordcloud: ['collecting'],
};

/** Events every kind understands: lifecycle, timer and joins; most closes and advances name the likely next step. */
function lifecycle(kind: RoundKind): fc.Arbitrary<Act> {
  const closer = fc.constantFrom(facilitator, timer);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Act>({ event: { type: 'start' }, actor: facilitator }) },
    { weight: 2, arbitrary: anyStudent.map((actor): Act => ({ event: { type: 'join' }, actor })) },
    {
      weight: 3,
      arbitrary: closer.map((actor): Act => ({
        event: { type: 'closePhase', phase: TIMED[kind][0] as RoundPhase },
        actor,
        closeCurrent: true,
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ phase: fc.constantFrom(...PHASES), actor: closer })
        .map(({ phase, actor }): Act => ({ event: { type: 'closePhase', phase }, actor })),
    },
    { weight: 3, arbitrary: fc.constant<Act>({ event: { type: 'advance' }, actor: facilitator }) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...PHASES)
        .map((to): Act => ({ event: { type: 'advance', to }, actor: facilitator })),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1000, max: 60_000 })
        .map((byMs): Act => ({ event: { type: 'extendDeadline', byMs }, actor: facilitator })),
    },
  );
}

const piEvents: fc.Arbitrary<Omit<Step, 'advanceMs'>>[] = [
  fc
    .record({
      type: fc.constantFrom('answer' as const, 'revote' as const),
      option: fc.nat(5),
      confidence,
      idempotencyKey: key,
      actor: anyStudent,
    })
    .map(({ actor, ...event }) => ({ event, actor })),
  fc
    .record({ option: fc.nat(3), confidence, actor: anyActor })
    .map(({ actor, option, confidence: c }) => ({ event: { type: 'answer', option, confidence: c }, actor })),
];

const TEXTS = [
  'How does a thread differ from a process?',
  'What is the difference between a process and a thread?',
  'Why do page tables have several levels?',
  'What is a semaphore?',
  'Hur fungerar schemaläggning?',
];
const qid = fc.constantFrom('q1', 'q2', 'q3', 'q4', 'q9');
const aid = fc.constantFrom('a1', 'a2', 'a3', 'a9');
const questionEvents: fc.Arbitrary<Omit<Step, 'advanceMs'>>[] = [
  fc
    .record({ text: fc.constantFrom(...TEXTS), actor: anyStudent, idempotencyKey: key })
    .map(({ actor, text, idempotencyKey }) => ({
      event: { type: 'ask', text, anonymous: ANONYMOUS_POSTERS.has(actor.userId), idempotencyKey },
      actor,
    })),
  fc
    .record({
      questionId: qid,
      value: fc.constantFrom(1 as const, -1 as const, 0 as const),
      idempotencyKey: key,
      actor: anyStudent,
    })
    .map(({ actor, ...rest }) => ({
      event: { type: 'vote', ...rest },
      actor,
    })),
  fc
    .record({
      questionId: qid,
      users: fc.subarray(
        STUDENTS.map((x) => x.userId),
        { minLength: 1 },
      ),
    })
    .map(({ questionId, users }) => ({
      event: { type: 'assign', questionId, userIds: users },
      actor: facilitator,
    })),
  fc
    .record({ questionId: qid, actor: fc.constantFrom<Actor>(...STUDENTS, facilitator), idempotencyKey: key })
    .map(({ actor, questionId, idempotencyKey }) => ({
      event: {
        type: 'answerQuestion',
        questionId,
        text: 'An answer written in the card.',
        anonymous: ANONYMOUS_POSTERS.has(actor.userId),
        idempotencyKey,
      },
      actor,
    })),
  fc.record({ questionId: qid, nth: fc.nat(3) }).map(({ questionId, nth }) => ({
    event: { type: 'answerQuestion', questionId, text: 'An answer from an assigned peer.' },
    actor: facilitator,
    asAssigned: nth,
  })),
  fc
    .record({ answerId: aid, value: fc.constantFrom(1 as const, -1 as const), actor: anyStudent })
    .map(({ actor, ...rest }) => ({ event: { type: 'rate', ...rest }, actor })),
  fc
    .record({ answerId: aid, endorsed: fc.boolean() })
    .map((event) => ({ event: { type: 'endorse', ...event }, actor: facilitator })),
  anyActor.map((actor) => ({
    event: { type: 'ask', text: 'Any role asking?', anonymous: ANONYMOUS_POSTERS.has(actor.userId) },
    actor,
  })),
];

const muddyEvents: fc.Arbitrary<Omit<Step, 'advanceMs'>>[] = [
  fc
    .record({
      text: fc.constantFrom('page tables', 'Page table walks', 'semaphores'),
      headingId: fc.option(fc.constantFrom('h1', 'h2'), { nil: undefined }),
      idempotencyKey: key,
      actor: anyStudent,
    })
    .map(({ actor, ...rest }) => ({ event: { type: 'submitMuddy', ...rest }, actor })),
];

const pollEvents: fc.Arbitrary<Omit<Step, 'advanceMs'>>[] = [
  fc
    .record({ option: fc.nat(3), idempotencyKey: key, actor: anyStudent })
    .map(({ actor, ...rest }) => ({ event: { type: 'pollAnswer', ...rest }, actor })),
  anyActor.map((actor) => ({ event: { type: 'pollAnswer', option: 0 }, actor })),
];

/** Word-cloud answers: the same word in different cases, accents and numbers, stop words, and two languages. */
export const CLOUD_TEXTS = [
  'Entropy',
  'entropy',
  'ENTROPIES',
  'Träd',
  'trad',
  'träden',
  'the',
  'och',
  'Heaps',
  'heap',
];
/** Students whose words the generated word filter holds back. */
export const FILTERED_STUDENTS = new Set(['s-4-x', 's-5-x']);
const wordcloudEvents: fc.Arbitrary<Omit<Step, 'advanceMs'>>[] = [
  fc
    .record({ text: fc.constantFrom(...CLOUD_TEXTS), idempotencyKey: key, actor: anyStudent })
    .map(({ actor, ...rest }) => ({ event: { type: 'submitWord', ...rest }, actor })),
  fc
    .record({ n: fc.integer({ min: 1, max: 12 }), visible: fc.boolean(), actor: anyActor })
    .map(({ n, visible, actor }) => ({ event: { type: 'moderateWord', entryId: `w${n}`, visible }, actor })),
];

const EVENTS: Record<RoundKind, fc.Arbitrary<Omit<Step, 'advanceMs'>>[]> = {
  peer_instruction: piEvents,
  question_round: questionEvents,
  muddiest_point: muddyEvents,
  poll: pollEvents,
  wordcloud: wordcloudEvents,
};

/**
 * A random sequence of steps for a round of `kind`: mostly its own events, lifecycle steps (a round starts
 * early), a few events of other kinds, and rarely a cancel, so that most sequences reach the later phases.
 */
export function arbSteps(kind: RoundKind, maxLength = 60): fc.Arbitrary<Step[]> {
  const own = EVENTS[kind];
  const foreign = (Object.keys(EVENTS) as RoundKind[]).filter((k) => k !== kind).flatMap((k) => EVENTS[k]);
  const step = fc.oneof(
    { weight: 120, arbitrary: fc.oneof(...own) },
    { weight: kind === 'peer_instruction' ? 25 : 12, arbitrary: lifecycle(kind) },
    { weight: 6, arbitrary: fc.oneof(...foreign) },
    {
      weight: 1,
      arbitrary: fc.constant<Act>({ event: { type: 'cancel' }, actor: facilitator }),
    },
  );
  const steps = fc.array(
    fc.record({ s: step, advanceMs }).map(({ s, advanceMs: ms }) => ({ ...s, advanceMs: ms })),
    { maxLength, size: 'max' },
  );
  // Most sequences open the round first, so that the phases after `ready` get exercised.
  const opening: Step = { event: { type: 'start' }, actor: facilitator, advanceMs: 0 };
  return fc
    .record({
      open: fc.oneof(
        { weight: 9, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
      steps,
    })
    .map(({ open, steps: rest }) => (open ? [opening, ...rest] : rest));
}
