import { isFinalPhase, phaseRank } from '../../../shared/contract/rounds/phaseRules';
import type { QuestionRoundView, RoundView } from '../../../shared/contract/rounds/viewSchemas';

/** How the person takes part in the session's rounds; decides which published views they keep. */
export type RoundRole = 'student' | 'facilitator';

/** Where a view came from: the viewer's own (REST answer, or a `mine` event) or a shared one (public, facilitators). */
export type ViewSource = 'own' | 'shared';

interface Entry {
  /** The newest view of the round, whatever its source. */
  base: RoundView;
  /** A student's newest own view: their votes, partners and authorship, overlaid on a newer shared view. */
  own: RoundView | null;
}

/** The rounds of one session as this person sees them, newest first. */
export interface RoundsState {
  role: RoundRole;
  order: string[];
  entries: Record<string, Entry>;
}

export function emptyRounds(role: RoundRole): RoundsState {
  return { role, order: [], entries: {} };
}

/**
 * How far a round has come. Phases only move forward and answers, questions and points only accumulate,
 * so a REST answer that raced an event is dropped when it shows less progress than what the stream said.
 */
export function progress(view: RoundView): number {
  const rank = phaseRank(view.kind, view.phase) * 1_000_000;
  switch (view.kind) {
    case 'peer_instruction':
      return rank + view.answeredCount + view.revotedCount;
    case 'question_round':
      return rank + view.questions.length + view.questions.reduce((n, q) => n + q.answers.length, 0);
    case 'muddiest_point':
      return rank + view.submittedCount;
    case 'poll':
      return rank + view.answeredCount;
    case 'wordcloud':
      // Entries only accumulate (hiding one keeps it listed for facilitators); students count their own too.
      return rank + (view.entries?.length ?? view.submittedCount) + (view.mine?.length ?? 0);
  }
}

/**
 * Applies one view. Stream events are in order and always win; `rest` views (list, action answers) only when
 * they are at least as far along. Facilitators keep facilitators' views only (they also receive the public one).
 */
export function applyView(
  state: RoundsState,
  view: RoundView,
  source: ViewSource,
  from: 'stream' | 'rest',
): RoundsState {
  if ((view.viewer.role === 'facilitator') !== (state.role === 'facilitator')) return state;
  const id = view.roundId;
  const prev = state.entries[id];
  const newer = from === 'stream' || !prev || progress(view) >= progress(prev.base);
  const entry: Entry = {
    base: newer ? view : prev.base,
    own: source === 'own' && state.role === 'student' ? view : (prev?.own ?? null),
  };
  const order = state.order.includes(id) ? state.order : [id, ...state.order];
  return { ...state, order, entries: { ...state.entries, [id]: entry } };
}

/** Replaces the list from a REST load (newest first), keeping what the stream already knows better. */
export function applyList(state: RoundsState, views: readonly RoundView[]): RoundsState {
  let next = state;
  for (const v of [...views].reverse()) next = applyView(next, v, 'own', 'rest');
  const listed: string[] = views.map((v) => v.roundId);
  const extra = next.order.filter((id) => !listed.includes(id));
  return { ...next, order: [...extra, ...listed] };
}

function overlayQuestions(base: QuestionRoundView, own: QuestionRoundView): QuestionRoundView {
  const mine = new Map(own.questions.map((q) => [q.id as string, q]));
  return {
    ...base,
    myAssignments: own.myAssignments,
    questions: base.questions.map((q) => {
      const o = mine.get(q.id);
      if (!o) return q;
      const answers = new Map(o.answers.map((a) => [a.id as string, a]));
      return {
        ...q,
        mine: o.mine,
        myVote: o.myVote,
        assignedToMe: o.assignedToMe,
        answers: q.answers.map((a) => {
          const oa = answers.get(a.id);
          return oa ? { ...a, mine: oa.mine, myRating: oa.myRating } : a;
        }),
      };
    }),
  };
}

/** What to show for one round: the newest view, with a student's own part laid over a shared one. */
export function roundView(state: RoundsState, roundId: string): RoundView | null {
  const entry = state.entries[roundId];
  if (!entry) return null;
  const { base, own } = entry;
  if (!own || own === base || own.kind !== base.kind) return base;
  switch (base.kind) {
    case 'peer_instruction':
      return { ...base, me: own.kind === 'peer_instruction' ? own.me : base.me };
    case 'question_round':
      return own.kind === 'question_round' ? overlayQuestions(base, own) : base;
    case 'muddiest_point':
      return { ...base, mine: own.kind === 'muddiest_point' ? own.mine : base.mine };
    case 'poll':
      return { ...base, myAnswer: own.kind === 'poll' ? own.myAnswer : base.myAnswer };
    case 'wordcloud':
      return { ...base, mine: own.kind === 'wordcloud' ? own.mine : base.mine };
  }
}

/** The round to show: the newest one still running, else the newest one (finished), else none. */
export function currentRound(state: RoundsState): RoundView | null {
  const views = state.order.map((id) => roundView(state, id)).filter((v): v is RoundView => v !== null);
  return views.find((v) => !isFinalPhase(v.phase)) ?? views[0] ?? null;
}
