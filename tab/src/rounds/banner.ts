import type { RoundView } from '../../../shared/contract/rounds/viewSchemas';

/** What the sticky banner says about a running round to a student. */
export interface RoundBannerInfo {
  roundId: string;
  kind: RoundView['kind'];
  phase: RoundView['phase'];
  deadline: number | null;
  /** True while the student has something to send in this phase (vote, re-vote, question, muddiest point, poll answer, words). */
  actionNeeded: boolean;
}

/**
 * The banner for a student, or null when no round runs. A round that waits to start, has ended or was
 * cancelled gets none: the banner is for the minute in which a student must not miss a vote.
 */
export function bannerFor(view: RoundView | null): RoundBannerInfo | null {
  if (!view || view.viewer.role !== 'student') return null;
  if (view.phase === 'ready' || view.phase === 'ended' || view.phase === 'cancelled') return null;
  const base = { roundId: view.roundId, kind: view.kind, phase: view.phase, deadline: view.deadline };
  switch (view.kind) {
    case 'peer_instruction':
      return {
        ...base,
        actionNeeded:
          (view.phase === 'answering' && !view.me?.answer) || (view.phase === 'revote' && !view.me?.revote),
      };
    case 'question_round':
      return {
        ...base,
        actionNeeded:
          view.phase === 'asking' ||
          (view.phase === 'answering' &&
            view.questions.some((q) => q.assignedToMe && !q.answers.some((a) => a.mine))),
      };
    case 'muddiest_point':
      return { ...base, actionNeeded: view.phase === 'collecting' && view.mine === null };
    case 'poll':
      return { ...base, actionNeeded: view.phase === 'answering' && view.myAnswer === null };
    case 'wordcloud':
      return {
        ...base,
        actionNeeded: view.phase === 'collecting' && (view.mine?.length ?? 0) < view.entriesPerStudent,
      };
  }
}

/** The id of the round panel's answer area, which the banner's button scrolls to and focuses. */
export const ANSWER_SHEET_ID = 'stoa-answer-sheet';
