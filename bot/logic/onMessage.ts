import { StoaApiError } from '../../shared/client/errors';
import { welcomeCard } from '../cards/welcomeCard';
import { describeFailure } from './rounds/roundMessages';
import { ensureClass } from './classes';
import { COMMAND_HANDLERS } from './commandHandlers';
import { parseCommand } from './commands';
import { MESSAGES } from './messages';
import type { Reply, Turn } from './types';

export interface MessageInput extends Omit<Turn, 'who'> {
  /** Null when the activity does not say which Teams user sent it. */
  who: Turn['who'] | null;
  /** Message text with the bot's mention removed. */
  text: string;
}

const NOT_IN = new Set(['class_not_set_up', 'guests_not_allowed', 'not_a_member']);

/** Sends a welcome card when this turn created the class. */
export function welcomeReplies(created: boolean, className: string): Reply[] {
  return created ? [{ type: 'card', card: welcomeCard({ className }), summary: 'Welcome to Stoa' }] : [];
}

/** A message to the bot: ensure the class (welcome once), remember the conversation, answer the command. */
export async function onMessage(input: MessageInput): Promise<Reply[]> {
  const { who, text, ...rest } = input;
  if (!who) return [{ type: 'text', text: MESSAGES.whoAreYou }];
  const turn = { ...rest, who };
  let ensured: Awaited<ReturnType<typeof ensureClass>>;
  try {
    ensured = await ensureClass(turn.deps, who, turn.conversation, turn.standing);
  } catch (err) {
    // No class here and Teams does not make them a facilitator, or a guest the class keeps out: a polite
    // explanation, and nothing is created for them.
    if (err instanceof StoaApiError && NOT_IN.has(err.id))
      return [{ type: 'text', text: describeFailure(err) }];
    throw err;
  }
  const { cls, created } = ensured;
  const replies = welcomeReplies(created, cls.name);
  const parsed = parseCommand(text);
  if (parsed.kind === 'unknown') {
    await turn.deps.rememberConversation(who, cls.id, turn.reference);
    return [...replies, { type: 'text', text: MESSAGES.unknownCommand }];
  }
  const [, answer] = await Promise.all([
    turn.deps.rememberConversation(who, cls.id, turn.reference),
    COMMAND_HANDLERS[parsed.name]({ ...turn, cls, args: parsed.args, welcomed: created }),
  ]);
  return [...replies, ...answer];
}
