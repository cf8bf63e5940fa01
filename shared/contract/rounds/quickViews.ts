import { memoByState } from './memo';
import { cloudWords, pollResults } from './quickAnalytics';
import type { PollState, WordcloudState } from './state';
import type { PollView, Viewer, WordcloudView } from './viewSchemas';
import { authorFor, common, type ViewOptions } from './views';
import { wordKey } from './wordcloud';

/** Results are the room's once revealed; a poll ended without a reveal shows them too, a cancelled one never. */
const resultsPublic = (phase: string) => phase === 'revealed' || phase === 'ended';
/** Answers are closed: from here facilitators may look at the results before they show them to the room. */
const answersClosed = (phase: string) => phase === 'gate' || resultsPublic(phase);

const pollTotals = memoByState(pollResults);
const entryKeys = memoByState(
  (state: WordcloudState) => new Map(state.entries.map((e) => [e.id, wordKey(e.text)])),
);

/**
 * A quick poll as one viewer sees it. While answering nobody sees the distribution, facilitators included
 * (the lecturer's screen is public): only how many answered. Students see their own answer and, after the
 * reveal, the results; never who chose what.
 */
export function viewPoll(state: PollState, viewer: Viewer, opts: ViewOptions): PollView {
  const facilitator = viewer.role === 'facilitator';
  const open = facilitator ? answersClosed(state.phase) : resultsPublic(state.phase);
  const named = facilitator && open && !state.settings.anonymous && !opts.fullyAnonymous;
  const names = named ? new Map(state.roster.map((e) => [e.userId, e.name])) : null;
  return {
    ...common(state, viewer),
    kind: 'poll',
    question: state.question,
    options: state.options,
    scale: state.scale,
    anonymous: state.settings.anonymous,
    answeredCount: state.answers.length,
    myAnswer: facilitator ? null : (state.answers.find((a) => a.userId === viewer.userId)?.option ?? null),
    results: open ? pollTotals(state) : null,
    voters: names
      ? state.answers.map((a) => ({ userId: a.userId, name: names.get(a.userId) ?? '', option: a.option }))
      : null,
  };
}

/**
 * A word cloud as one viewer sees it. Only visible entries are ever counted into the cloud; a hidden entry
 * is gone from every student's view (its author's included), a held one is shown only to its author as
 * waiting. Facilitators see every entry to moderate it; students see the cloud after the reveal.
 */
export function viewWordcloud(state: WordcloudState, viewer: Viewer, opts: ViewOptions): WordcloudView {
  const facilitator = viewer.role === 'facilitator';
  const keys = entryKeys(state);
  return {
    ...common(state, viewer),
    kind: 'wordcloud',
    prompt: state.prompt,
    entriesPerStudent: state.settings.entriesPerStudent,
    submittedCount: state.entries.filter((e) => e.status !== 'hidden').length,
    mine: facilitator
      ? null
      : state.entries
          .filter((e) => e.authorId === viewer.userId && e.status !== 'hidden')
          .map((e) => ({ id: e.id, text: e.text, status: e.status })),
    cloud: facilitator || resultsPublic(state.phase) ? cloudWords(state) : null,
    entries: facilitator
      ? state.entries.map((e) => ({
          id: e.id,
          text: e.text,
          status: e.status,
          key: keys.get(e.id) ?? '',
          // Word-cloud entries are always anonymous to classmates.
          author: authorFor({ ...e, anonymous: true }, viewer, opts),
          createdAt: e.createdAt,
        }))
      : null,
  };
}
