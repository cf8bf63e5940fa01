import { describe, expect, it } from 'vitest';
import { BOT_COMMANDS } from '../../shared/contract/botCommands';
import { normalizeText, parseCommand } from './commands';

describe('parseCommand', () => {
  it('knows every command of the contract', () => {
    for (const c of BOT_COMMANDS)
      expect(parseCommand(c.command)).toEqual({ kind: 'command', name: c.command, args: '' });
  });

  it.each([
    ['HELP', 'help', ''],
    ['  Help   me  ', 'help', 'me'],
    ['/pi What is 2+2?', 'pi', 'What is 2+2?'],
    ['ask&nbsp;entropy', 'ask', 'entropy'],
    ['<at>Stoa</at> muddy', 'muddy', ''],
    ['<at id="0">Other Bot</at> status', 'status', ''],
    ['<p>end</p>', 'end', ''],
    ['', 'help', ''],
    ['   ', 'help', ''],
  ])('reads %j as %s', (text, name, args) => {
    expect(parseCommand(text)).toEqual({ kind: 'command', name, args });
  });

  it.each(['dance', 'helpme', 'pie', 'hello there'])('does not guess at %j', (text) => {
    expect(parseCommand(text).kind).toBe('unknown');
  });

  it('normalizes entities and whitespace', () => {
    expect(normalizeText('a&amp;b\n\t c &lt;x&gt;')).toBe('a&b c <x>');
  });
});
