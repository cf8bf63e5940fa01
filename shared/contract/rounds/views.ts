import { muddyAnalytics, piAnalytics } from './analytics';
import type { QuestionId } from './ids';
import { rankedQuestions } from './questionRound';
import { viewPoll, viewWordcloud } from './quickViews';
import { memoByState } from './memo';
import { findByUser } from './lists';
import type { MuddyState, PiAnswer, PiState, QuestionRoundState, RoundState } from './state';
import { nameOf } from './transition';
import type {
  MuddyView,
  Person,
  PiView,
  QuestionRoundView,
  QuestionView,
  RoundView,
  Viewer,
} from './viewSchemas';

export interface ViewOptions {
  /** The class setting: when true not even facilitators see who posted anonymously. */
  fullyAnonymous: boolean;
  /** Clock for the ranking's age decay; defaults to the start of the current phase. */
  now?: number;
}

const vote = (a: PiAnswer | undefined) => (a ? { option: a.option, confidence: a.confidence } : null);

// Derived once per state however many viewers render it.
const piResults = memoByState(piAnalytics);
const piByUser = memoByState((state: PiState) => ({
  answers: new Map(state.answers.map((a) => [a.userId, a])),
  revotes: new Map(state.revotes.map((a) => [a.userId, a])),
}));
const groupIndex = memoByState((state: PiState) => {
  const index = new Map<string, number>();
  state.groups?.forEach((g, i) => g.members.forEach((u) => index.set(u, i)));
  return index;
});
const everyoneIn = memoByState((state: PiState) => [
  ...new Set([
    ...state.roster.map((e) => e.userId),
    ...piByUser(state).answers.keys(),
    ...piByUser(state).revotes.keys(),
  ]),
]);
const muddyClusters = memoByState((state: MuddyState) => muddyAnalytics(state).clusters);
// Names by user id: a facilitator's view names every student, and a roster scan each would be quadratic.
const rosterNames = memoByState((state: RoundState) => new Map(state.roster.map((e) => [e.userId, e.name])));

/** The fields every kind's view starts with. */
export function common(state: RoundState, viewer: Viewer) {
  return {
    roundId: state.id,
    sessionId: state.sessionId,
    classId: state.classId,
    phase: state.phase,
    phaseStartedAt: state.phaseStartedAt,
    deadline: state.deadline,
    viewer: { userId: viewer.userId, role: viewer.role },
  };
}

/** Who wrote an item, as this viewer may see it: never an anonymous author, except to facilitators of a class that allows it. */
export function authorFor(
  item: { authorId: string; authorName: string; anonymous: boolean },
  viewer: Viewer,
  opts: ViewOptions,
): Person | null {
  if (!item.anonymous) return { userId: item.authorId, name: item.authorName };
  return viewer.role === 'facilitator' && !opts.fullyAnonymous
    ? { userId: item.authorId, name: item.authorName }
    : null;
}

/** Results are public once revealed; a round ended without a reveal shows them too, a cancelled one never. */
function resultsPublic(state: PiState): boolean {
  return state.phase === 'revealed' || state.phase === 'ended';
}

/** Peer Instruction as one viewer sees it: students get their own votes and partners, results only after reveal. */
export function viewPi(state: PiState, viewer: Viewer): PiView {
  const facilitator = viewer.role === 'facilitator';
  const open = facilitator || resultsPublic(state);
  const person = (userId: string): Person => ({ userId, name: rosterNames(state).get(userId) ?? '' });
  const groupIndexOf = (userId: string) => groupIndex(state).get(userId) ?? null;
  let me: PiView['me'] = null;
  if (!facilitator) {
    const index = groupIndexOf(viewer.userId);
    const group = index === null ? null : state.groups?.[index];
    // A scan, not the per-state maps: while a class answers, every answer makes a new state that about two
    // students' views are rendered from, and building maps of every answer for each cost more than scanning.
    me = {
      answer: vote(findByUser(state.answers, viewer.userId)),
      revote: vote(findByUser(state.revotes, viewer.userId)),
      group:
        index === null || !group
          ? null
          : { index, partners: group.members.filter((u) => u !== viewer.userId).map(person) },
    };
  }
  return {
    ...common(state, viewer),
    kind: 'peer_instruction',
    question: state.question,
    options: state.options,
    correctOption: open ? state.correctOption : null,
    answeredCount: state.answers.length,
    revotedCount: state.revotes.length,
    me,
    results: open ? piResults(state) : null,
    gating: facilitator ? state.gating : null,
    students: facilitator
      ? everyoneIn(state).map((userId) => ({
          ...person(userId),
          answer: vote(piByUser(state).answers.get(userId)),
          revote: vote(piByUser(state).revotes.get(userId)),
          groupIndex: groupIndexOf(userId),
        }))
      : null,
    groups:
      facilitator && state.groups ? state.groups.map((g) => ({ members: g.members.map(person) })) : null,
  };
}

/** A question round as one viewer sees it: totals of votes and ratings, never who voted or an anonymous author. */
export function viewQuestionRound(
  state: QuestionRoundState,
  viewer: Viewer,
  opts: ViewOptions,
): QuestionRoundView {
  const facilitator = viewer.role === 'facilitator';
  const now = opts.now ?? state.phaseStartedAt;
  const ranked = rankedQuestions(state, now);
  const scores = new Map<string, number>(ranked.map((r) => [r.question.id, r.score]));
  const order = [...ranked.map((r) => r.question), ...state.questions.filter((q) => q.duplicateOf !== null)];
  const count = (vs: readonly { value: 1 | -1 }[]) => ({
    up: vs.filter((v) => v.value === 1).length,
    down: vs.filter((v) => v.value === -1).length,
  });
  const myAssignments: QuestionId[] = [];
  const questions = order.map((q): QuestionView => {
    const assignedToMe = q.assignedTo.includes(viewer.userId);
    if (assignedToMe) myAssignments.push(q.id);
    return {
      id: q.id,
      text: q.text,
      author: authorFor(q, viewer, opts),
      anonymous: q.anonymous,
      mine: q.authorId === viewer.userId,
      createdAt: q.createdAt,
      votes: count(q.votes),
      score: scores.get(q.id) ?? 0,
      myVote: findByUser(q.votes, viewer.userId)?.value ?? 0,
      duplicateOf: q.duplicateOf,
      answeredInNotes: q.answeredInNotes,
      assignedToMe,
      assignedTo: facilitator
        ? q.assignedTo.map((userId) => ({ userId, name: nameOf(state, userId) }))
        : null,
      answers: state.answers
        .filter((a) => a.questionId === q.id)
        .map((a) => ({
          id: a.id,
          text: a.text,
          author: authorFor(a, viewer, opts),
          mine: a.authorId === viewer.userId,
          byFacilitator: a.byFacilitator,
          endorsed: a.endorsed,
          ratings: count(a.ratings),
          myRating: findByUser(a.ratings, viewer.userId)?.value ?? 0,
          createdAt: a.createdAt,
        })),
    };
  });
  return {
    ...common(state, viewer),
    kind: 'question_round',
    topic: state.topic,
    allowAnonymous: state.settings.allowAnonymous,
    questions,
    myAssignments,
  };
}

/** A muddiest-point round as one viewer sees it: students their own point, facilitators the grouped list. */
export function viewMuddy(state: MuddyState, viewer: Viewer, opts: ViewOptions): MuddyView {
  const facilitator = viewer.role === 'facilitator';
  const mine = state.points.find((p) => p.authorId === viewer.userId);
  return {
    ...common(state, viewer),
    kind: 'muddiest_point',
    prompt: state.prompt,
    allowAnonymous: state.settings.allowAnonymous,
    submittedCount: state.points.length,
    mine: mine ? { text: mine.text, headingId: mine.headingId, anonymous: mine.anonymous } : null,
    points: facilitator
      ? state.points.map((p) => ({
          id: p.id,
          text: p.text,
          headingId: p.headingId,
          author: authorFor(p, viewer, opts),
          createdAt: p.createdAt,
        }))
      : null,
    clusters: facilitator ? muddyClusters(state) : null,
  };
}

/** The view of a round for one viewer; what the service sends on the event stream and the bot renders. */
export function viewRound(state: RoundState, viewer: Viewer, opts: ViewOptions): RoundView {
  switch (state.kind) {
    case 'peer_instruction':
      return viewPi(state, viewer);
    case 'question_round':
      return viewQuestionRound(state, viewer, opts);
    case 'muddiest_point':
      return viewMuddy(state, viewer, opts);
    case 'poll':
      return viewPoll(state, viewer, opts);
    case 'wordcloud':
      return viewWordcloud(state, viewer, opts);
  }
}
