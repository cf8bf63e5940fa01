import { welcomeCard } from '../cards/welcomeCard';
import { ensureClass } from './classes';
import { COMMAND_HANDLERS } from './commandHandlers';
import { parseCommand } from './commands';
import { MESSAGES } from './messages';
import type { ConversationInput, LogicDeps, Reply, Who } from './types';

export interface MessageInput {
  /** Null when the activity does not say which Teams user sent it. */
  who: Who | null;
  conversation: ConversationInput;
  /** Message text with the bot's mention removed. */
  text: string;
}

/** Sends a welcome card when this turn created the class. */
export function welcomeReplies(created: boolean, className: string): Reply[] {
  return created ? [{ type: 'card', card: welcomeCard({ className }), summary: 'Welcome to Stoa' }] : [];
}

/** A message to the bot: ensure the class (welcome once), then answer the command. */
export async function onMessage(deps: LogicDeps, input: MessageInput): Promise<Reply[]> {
  if (!input.who) return [{ type: 'text', text: MESSAGES.whoAreYou }];
  const { cls, created } = await ensureClass(deps, input.who, input.conversation);
  const replies = welcomeReplies(created, cls.name);
  const parsed = parseCommand(input.text);
  if (parsed.kind === 'unknown') return [...replies, { type: 'text', text: MESSAGES.unknownCommand }];
  const answer = await COMMAND_HANDLERS[parsed.name]({
    deps,
    who: input.who,
    conversation: input.conversation,
    cls,
    args: parsed.args,
    welcomed: created,
  });
  return [...replies, ...answer];
}
