/** English strings of the shared-screen switch, the round banner, the drawers and the table picker. */
export const uiEn = {
  'privacy.switch': 'Show private details',
  'privacy.off':
    'Off: safe to share your screen. Anonymous authors, who flagged, live results and the correct answer stay hidden until the reveal.',
  'privacy.on': 'On: only you should see this screen. It turns off again for the next round.',
  'privacy.hiddenResults': 'Live results stay hidden until you reveal them.',
  'privacy.groupsCount': '{count} discussion groups formed; each student sees their own partners.',
  'privacy.anonymousAsker': 'Anonymous',

  'banner.answerNow': 'Answer now',
  'banner.open': 'Go to the answer sheet',
  'banner.answered': 'Answer sent. You can change it until the time is up.',
  'banner.running': '{kind}: {phase}',

  'participation.low': 'Only {answered} of {eligible} students answered: the advice rests on few votes.',

  'table.size': 'Table size',
  'table.insert': 'Insert a {rows} × {cols} table',
  'table.rows': 'Rows',
  'table.cols': 'Columns',

  'notes.placeholder': 'Start the class notes here: a heading, a first idea, a question…',
  'panel.close': 'Close',

  'stage.questions': 'Questions',
  'stage.endorsed': 'Endorsed answer',
  'stage.noQuestions': 'No questions yet.',
} as const;
