/**
 * The bot's commands: the bot dispatches on these names and the Teams manifest's `commandLists` are
 * generated from them, so the two cannot drift.
 */
export const BOT_COMMANDS = [
  { command: 'help', title: 'help', description: 'What Stoa can do and how to start a round' },
  { command: 'pi', title: 'pi', description: 'Start a Peer Instruction question (facilitators)' },
  {
    command: 'ask',
    title: 'ask',
    description:
      "Students: ask the lecture's open questions (ask anon ... hides your name). Facilitators: a question round",
  },
  {
    command: 'questions',
    title: 'questions',
    description: "The lecture's open questions, ranked; vote on them",
  },
  { command: 'muddy', title: 'muddy', description: 'Ask for the muddiest point of today (facilitators)' },
  {
    command: 'poll',
    title: 'poll',
    description: 'Run a quick poll: choices or a 1-5 / 1-10 scale (facilitators)',
  },
  { command: 'cloud', title: 'cloud', description: 'Collect a word cloud from the class (facilitators)' },
  { command: 'status', title: 'status', description: 'Show the current session and round' },
  { command: 'end', title: 'end', description: 'End the current round or session (facilitators)' },
] as const;

export type BotCommandName = (typeof BOT_COMMANDS)[number]['command'];
