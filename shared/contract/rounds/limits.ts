/** Bounds of round content, shared by the card, the tab and the service so all three refuse the same input. */
export const ROUND_LIMITS = {
  optionsMin: 2,
  optionsMax: 6,
  optionTextMax: 300,
  questionTextMax: 1000,
  topicMax: 300,
  peerAnswerTextMax: 2000,
  muddyTextMax: 500,
  /** Questions per round; beyond this an ask is refused so one round cannot grow without bound. */
  questionsMax: 500,
  /** Questions one student may post in one round: a backchannel, not a flood. */
  questionsPerStudentMax: 5,
  rosterMax: 5000,
  durationMinMs: 10_000,
  durationMaxMs: 60 * 60_000,
  extendMaxMs: 30 * 60_000,
  notesPassagesMax: 2000,
  notesPassageTextMax: 20_000,
  /** A quick poll offers more choices than a ConcepTest (a 1-10 scale has ten). */
  pollOptionsMax: 10,
  /** A word-cloud entry is a word or a short phrase. */
  wordcloudTextMax: 40,
  wordcloudEntriesPerStudentMax: 10,
  /** Entries per word cloud; beyond this a submission is refused so one round cannot grow without bound. */
  wordcloudEntriesMax: 5000,
} as const;
