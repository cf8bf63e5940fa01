import type {
  ConfidenceStats,
  MuddyAnalytics,
  PiAnalytics,
  QuestionRoundAnalytics,
  RoundAnalytics,
  SessionAnalytics,
  SwitchMatrix,
  VoteSummary,
} from './analyticsSchemas';
import { REMOVED_TEXT } from '../removedText';
import { clusterMuddyPoints } from './muddy';
import { pollAnalytics, wordcloudAnalytics } from './quickAnalytics';
import type { Confidence, MuddyState, PiAnswer, PiState, QuestionRoundState, RoundState } from './state';

const CONFIDENCE_SCORE: Record<Confidence, number> = { low: 1, medium: 2, high: 3 };

/**
 * Normalized change (post - pre) / (1 - pre) (Hake 1998; Marx & Cummings 2007): the share of the possible
 * gain that was achieved. At most 1; negative when the class lost ground. Null when pre = 1, where there
 * was nothing left to gain and the ratio is undefined.
 */
export function normalizedChange(pre: number, post: number): number | null {
  if (pre >= 1) return null;
  return (post - pre) / (1 - pre);
}

const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

/** Median of a list of numbers, or null when empty. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = xs.slice().sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const rate = (n: number, of: number | null): number | null =>
  of === null || of === 0 ? null : Math.min(1, n / of);

function voteSummary(answers: readonly PiAnswer[], optionCount: number, correct: number | null): VoteSummary {
  const counts = new Array<number>(optionCount).fill(0);
  for (const a of answers) counts[a.option] = (counts[a.option] ?? 0) + 1;
  const right = correct === null ? 0 : (counts[correct] ?? 0);
  return {
    counts,
    answered: answers.length,
    shareCorrect: correct === null || answers.length === 0 ? null : right / answers.length,
  };
}

function confidenceStats(answers: readonly PiAnswer[], correct: number | null): ConfidenceStats {
  const score = (a: PiAnswer) => CONFIDENCE_SCORE[a.confidence];
  return {
    mean: mean(answers.map(score)),
    meanCorrect: correct === null ? null : mean(answers.filter((a) => a.option === correct).map(score)),
    meanWrong: correct === null ? null : mean(answers.filter((a) => a.option !== correct).map(score)),
  };
}

/** Eligible students: the count given at start, else everyone the round has seen. */
export function eligibleOf(state: RoundState): number | null {
  if (state.eligibleCount !== null) return state.eligibleCount;
  const seen = state.roster.length;
  return seen === 0 ? null : seen;
}

const reached = (state: RoundState, phase: string): boolean => state.phaseLog.some((p) => p.phase === phase);

/** Analytics of a Peer Instruction round: both votes, how answers moved, confidence, participation. */
export function piAnalytics(state: PiState): PiAnalytics {
  const n = state.options.length;
  const correct = state.correctOption;
  const first = state.answers;
  const second = state.revotes;
  const secondBy = new Map(second.map((a) => [a.userId, a]));
  const hadRevote = reached(state, 'revote');
  const transitions = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const sw: SwitchMatrix = {
    matched: 0,
    wrongToRight: 0,
    rightToWrong: 0,
    rightToRight: 0,
    wrongToOtherWrong: 0,
    wrongToSameWrong: 0,
  };
  let changed = 0;
  let preRight = 0;
  let postRight = 0;
  const shifts: number[] = [];
  for (const before of first) {
    const after = secondBy.get(before.userId);
    if (!after) continue;
    sw.matched += 1;
    const row = transitions[before.option];
    if (row) row[after.option] = (row[after.option] ?? 0) + 1;
    if (after.option !== before.option) changed += 1;
    shifts.push(CONFIDENCE_SCORE[after.confidence] - CONFIDENCE_SCORE[before.confidence]);
    if (correct === null) continue;
    const was = before.option === correct;
    const is = after.option === correct;
    if (was) preRight += 1;
    if (is) postRight += 1;
    if (was && is) sw.rightToRight += 1;
    else if (was) sw.rightToWrong += 1;
    else if (is) sw.wrongToRight += 1;
    else if (after.option === before.option) sw.wrongToSameWrong += 1;
    else sw.wrongToOtherWrong += 1;
  }
  const eligible = eligibleOf(state);
  const grouped = state.groups?.reduce((s, g) => s + g.members.length, 0) ?? null;
  return {
    roundId: state.id,
    kind: 'peer_instruction',
    question: state.question,
    options: state.options,
    correctOption: correct,
    before: voteSummary(first, n, correct),
    after: hadRevote ? voteSummary(second, n, correct) : null,
    switches: hadRevote && correct !== null ? sw : null,
    transitions,
    changedAnswer: changed,
    normalizedChange:
      correct === null || sw.matched === 0
        ? null
        : normalizedChange(preRight / sw.matched, postRight / sw.matched),
    confidenceBefore: confidenceStats(first, correct),
    confidenceAfter: hadRevote ? confidenceStats(second, correct) : null,
    confidenceShift: mean(shifts),
    participation: {
      eligible,
      answering: { count: first.length, rate: rate(first.length, eligible) },
      discussion: grouped === null ? null : { count: grouped, rate: rate(grouped, eligible) },
      revote: hadRevote ? { count: second.length, rate: rate(second.length, eligible) } : null,
    },
  };
}

/** Analytics of a question round: volume, duplicates, peer answering and endorsement. */
export function questionRoundAnalytics(state: QuestionRoundState): QuestionRoundAnalytics {
  const distinct = state.questions.filter((q) => q.duplicateOf === null);
  const firstPeer: number[] = [];
  let answeredByPeers = 0;
  for (const q of distinct) {
    const peer = state.answers.filter((a) => a.questionId === q.id && !a.byFacilitator);
    if (peer.length === 0) continue;
    answeredByPeers += 1;
    firstPeer.push(Math.min(...peer.map((a) => a.createdAt)) - q.createdAt);
  }
  const active = new Set<string>();
  for (const q of state.questions) {
    active.add(q.authorId);
    for (const v of q.votes) active.add(v.userId);
  }
  for (const a of state.answers) {
    if (!a.byFacilitator) active.add(a.authorId);
    for (const r of a.ratings) active.add(r.userId);
  }
  const eligible = eligibleOf(state);
  return {
    roundId: state.id,
    kind: 'question_round',
    topic: state.topic,
    questions: distinct.length,
    duplicatesMerged: state.questions.length - distinct.length,
    pointedToNotes: state.questions.filter((q) => q.answeredInNotes !== null).length,
    askers: new Set(state.questions.map((q) => q.authorId)).size,
    votes: state.questions.reduce((s, q) => s + q.votes.length, 0),
    answeredByPeers,
    shareAnsweredByPeers: distinct.length === 0 ? null : answeredByPeers / distinct.length,
    medianTimeToFirstPeerAnswerMs: median(firstPeer),
    endorsed: state.answers.filter((a) => a.endorsed).length,
    facilitatorAnswers: state.answers.filter((a) => a.byFacilitator).length,
    participation: { eligible, active: active.size, rate: rate(active.size, eligible) },
  };
}

/** Analytics of a muddiest-point round: submissions and their ranked clusters. */
export function muddyAnalytics(state: MuddyState): MuddyAnalytics {
  const eligible = eligibleOf(state);
  const authors = new Set(state.points.map((p) => p.authorId)).size;
  return {
    roundId: state.id,
    kind: 'muddiest_point',
    prompt: state.prompt,
    submissions: state.points.length,
    // A point whose text an erasure removed still counts as a submission, but belongs to no topic.
    clusters: clusterMuddyPoints(state.points.filter((p) => p.text !== REMOVED_TEXT)),
    participation: { eligible, active: authors, rate: rate(authors, eligible) },
  };
}

/** Analytics of any round. */
export function roundAnalytics(state: RoundState): RoundAnalytics {
  switch (state.kind) {
    case 'peer_instruction':
      return piAnalytics(state);
    case 'question_round':
      return questionRoundAnalytics(state);
    case 'muddiest_point':
      return muddyAnalytics(state);
    case 'poll':
      return pollAnalytics(state);
    case 'wordcloud':
      return wordcloudAnalytics(state);
  }
}

const firstRate = (a: RoundAnalytics): number | null =>
  a.kind === 'peer_instruction' ? a.participation.answering.rate : a.participation.rate;

/** Aggregates over the rounds of one session (rounds still in `ready` are left out). */
export function sessionAnalytics(states: readonly RoundState[]): SessionAnalytics {
  const started = states.filter((s) => s.phase !== 'ready');
  const all = started.map(roundAnalytics);
  const pis = all.filter((a): a is PiAnalytics => a.kind === 'peer_instruction');
  const qrs = all.filter((a): a is QuestionRoundAnalytics => a.kind === 'question_round');
  const firstPeer = started.flatMap((s) => {
    if (s.kind !== 'question_round') return [];
    return s.questions.flatMap((q) => {
      const peer = s.answers.filter(
        (a) => a.questionId === q.id && !a.byFacilitator && q.duplicateOf === null,
      );
      return peer.length === 0 ? [] : [Math.min(...peer.map((a) => a.createdAt)) - q.createdAt];
    });
  });
  const nums = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
  const total = qrs.reduce((s, a) => s + a.questions, 0);
  const byPeers = qrs.reduce((s, a) => s + a.answeredByPeers, 0);
  const kindCount = (kind: RoundAnalytics['kind']) => all.filter((a) => a.kind === kind).length;
  return {
    rounds: {
      peer_instruction: pis.length,
      question_round: qrs.length,
      muddiest_point: kindCount('muddiest_point'),
      poll: kindCount('poll'),
      wordcloud: kindCount('wordcloud'),
    },
    completed: started.filter((s) => s.phase === 'ended').length,
    peerInstruction: {
      rounds: pis.length,
      meanShareCorrectBefore: mean(nums(pis.map((a) => a.before.shareCorrect))),
      meanShareCorrectAfter: mean(nums(pis.map((a) => a.after?.shareCorrect ?? null))),
      meanNormalizedChange: mean(nums(pis.map((a) => a.normalizedChange))),
      wrongToRight: pis.reduce((s, a) => s + (a.switches?.wrongToRight ?? 0), 0),
      rightToWrong: pis.reduce((s, a) => s + (a.switches?.rightToWrong ?? 0), 0),
    },
    questions: {
      total,
      answeredByPeers: byPeers,
      shareAnsweredByPeers: total === 0 ? null : byPeers / total,
      medianTimeToFirstPeerAnswerMs: median(firstPeer),
      endorsed: qrs.reduce((s, a) => s + a.endorsed, 0),
    },
    muddyPoints: all.reduce((s, a) => s + (a.kind === 'muddiest_point' ? a.submissions : 0), 0),
    pollAnswers: all.reduce((s, a) => s + (a.kind === 'poll' ? a.results.answered : 0), 0),
    cloudWords: all.reduce((s, a) => s + (a.kind === 'wordcloud' ? a.entries : 0), 0),
    meanParticipation: mean(nums(all.map(firstRate))),
  };
}
