import { BOT_COMMANDS, type BotCommandName } from '../../shared/contract/botCommands';

export type ParsedCommand =
  { kind: 'command'; name: BotCommandName; args: string } | { kind: 'unknown'; word: string };

const ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
};

/** Message text as a person typed it: mentions, markup and entities removed, whitespace collapsed. */
export function normalizeText(text: string): string {
  return (
    text
      // A mention the recipient-mention removal did not catch (another bot, a missing entity).
      .replace(/<at[^>]*>[\s\S]*?<\/at>/gi, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&(nbsp|amp|lt|gt|quot);/g, (m) => ENTITIES[m] ?? m)
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * Reads a command from message text (mention already stripped): the first word, case-insensitive, an
 * optional leading slash; the rest is its argument. An empty message is a request for help.
 */
export function parseCommand(text: string): ParsedCommand {
  const clean = normalizeText(text);
  if (clean === '') return { kind: 'command', name: 'help', args: '' };
  const space = clean.indexOf(' ');
  const first = (space === -1 ? clean : clean.slice(0, space)).replace(/^\//, '').toLowerCase();
  const args = space === -1 ? '' : clean.slice(space + 1);
  const found = BOT_COMMANDS.find((c) => c.command === first);
  return found ? { kind: 'command', name: found.command, args } : { kind: 'unknown', word: first };
}
