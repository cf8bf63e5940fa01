import type {
  MuddyView,
  PiView,
  PollView,
  QuestionRoundView,
  RoundView,
  WordcloudView,
} from '../../../shared/contract/rounds/viewSchemas';

/**
 * The part of a round every member of the conversation may see: the one shared card shows this, whoever's
 * view the bot loaded it with (usually the facilitator's, which holds everything). Nothing personal, no
 * live results before the reveal, no author of an anonymous item.
 */
export function publicView(view: RoundView): RoundView {
  const viewer = { userId: '', role: 'student' as const };
  switch (view.kind) {
    case 'peer_instruction':
      return publicPi(view, viewer);
    case 'question_round':
      return publicQuestions(view, viewer);
    case 'muddiest_point':
      return publicMuddy(view, viewer);
    case 'poll':
      return publicPoll(view, viewer);
    case 'wordcloud':
      return publicWordcloud(view, viewer);
  }
}

/** Results once revealed (or ended), a cancelled poll never; nobody's own answer, nobody's name. */
function publicPoll(view: PollView, viewer: PollView['viewer']): PollView {
  const open = view.phase === 'revealed' || view.phase === 'ended';
  return { ...view, viewer, myAnswer: null, results: open ? view.results : null, voters: null };
}

/** The cloud once revealed (or ended); never the entries, held or hidden ones included. */
function publicWordcloud(view: WordcloudView, viewer: WordcloudView['viewer']): WordcloudView {
  const open = view.phase === 'revealed' || view.phase === 'ended';
  return { ...view, viewer, mine: null, entries: null, cloud: open ? view.cloud : null };
}

function publicPi(view: PiView, viewer: PiView['viewer']): PiView {
  // Results are public once revealed; a round ended without reveal shows them too, a cancelled one never.
  const open = view.phase === 'revealed' || view.phase === 'ended';
  return {
    ...view,
    viewer,
    correctOption: open ? view.correctOption : null,
    me: null,
    results: open ? view.results : null,
    gating: null,
    students: null,
    groups: null,
  };
}

function publicQuestions(view: QuestionRoundView, viewer: QuestionRoundView['viewer']): QuestionRoundView {
  return {
    ...view,
    viewer,
    myAssignments: [],
    questions: view.questions.map((q) => ({
      ...q,
      author: q.anonymous ? null : q.author,
      mine: false,
      myVote: 0,
      assignedToMe: false,
      assignedTo: null,
      answers: q.answers.map((a) => ({
        ...a,
        // A peer answer's view does not say whether it was anonymous, and a facilitator's view names every
        // author: the shared card names no answer's author at all.
        author: null,
        mine: false,
        myRating: 0,
      })),
    })),
  };
}

function publicMuddy(view: MuddyView, viewer: MuddyView['viewer']): MuddyView {
  return { ...view, viewer, mine: null, points: null, clusters: null };
}
