import type { BotCommandName } from '../../shared/contract/botCommands';
import type { Class } from '../../shared/contract/classes';
import { helpCard } from '../cards/helpCard';
import { canFacilitate } from '../../shared/contract/classes';
import { backstageAskCommand, questionsCommand } from './backstage/backstageCommands';
import { askCommand, cloudCommand, muddyCommand, piCommand, pollCommand } from './rounds/roundCommands';
import { endCommand, statusCommand } from './rounds/statusCommands';
import type { Reply, Turn } from './types';

/** What a command handler knows about its turn. */
export interface CommandContext extends Turn {
  /** The conversation's class, with the caller's role in it. */
  cls: Class;
  /** Text after the command word. */
  args: string;
  /** True when this turn created the class and a welcome card (which lists the commands) went out. */
  welcomed: boolean;
}

export type CommandHandler = (ctx: CommandContext) => Promise<Reply[]>;

/** One handler per command of the contract; the record type makes a missing command a compile error. */
export const COMMAND_HANDLERS: Record<BotCommandName, CommandHandler> = {
  // The welcome card already lists the commands; a second list right under it would be noise.
  help: async ({ welcomed }) => (welcomed ? [] : [{ type: 'card', card: helpCard(), summary: 'Stoa help' }]),
  pi: piCommand,
  // Facilitators open a question round; everyone else asks the lecture's always-on questions.
  ask: (ctx) => (canFacilitate(ctx.cls.myRole) ? askCommand(ctx) : backstageAskCommand(ctx)),
  questions: questionsCommand,
  muddy: muddyCommand,
  poll: pollCommand,
  cloud: cloudCommand,
  status: statusCommand,
  end: endCommand,
};
