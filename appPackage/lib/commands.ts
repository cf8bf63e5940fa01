import { BOT_COMMANDS } from '../../shared/contract/botCommands';
import type { Manifest } from './manifestTypes';
import type { Problem } from './problems';

/** Teams' documented limits for a bot command (stricter than the schema's 128/4000). */
const TITLE_MAX = 32;
const DESCRIPTION_MAX = 128;

/**
 * Fills every bot command list from BOT_COMMANDS, the list the bot dispatches on, so the two cannot
 * drift: the template only says which scopes get a list.
 */
export function injectCommands(manifest: Manifest): Manifest {
  const commands = BOT_COMMANDS.map((c) => ({ title: c.title, description: c.description }));
  return {
    ...manifest,
    bots: manifest.bots?.map((bot) => ({
      ...bot,
      commandLists: bot.commandLists?.map((list) => ({ ...list, commands: commands.map((c) => ({ ...c })) })),
    })),
  };
}

/**
 * Checks that every bot scope has a command list naming exactly the bot's commands. Teams sends a picked
 * command's title as the message text, so a title must be the name the bot dispatches on.
 */
export function checkCommands(manifest: Manifest): Problem[] {
  const problems: Problem[] = [];
  const names = BOT_COMMANDS.map((c) => c.command);
  for (const c of BOT_COMMANDS) {
    if (c.title !== c.command) {
      problems.push({
        field: `BOT_COMMANDS.${c.command}`,
        message: `title "${c.title}" differs from the command "${c.command}"; Teams would send the title`,
        fix: 'make the title equal to the command in shared/contract/botCommands.ts',
      });
    }
  }
  (manifest.bots ?? []).forEach((bot, b) => {
    const lists = bot.commandLists ?? [];
    for (const scope of bot.scopes ?? []) {
      if (!lists.some((l) => l.scopes.includes(scope))) {
        problems.push({
          field: `bots[${b}].commandLists`,
          message: `no command list for the bot's scope "${scope}"`,
          fix: `add { "scopes": ["${scope}"], "commands": [] } to commandLists in appPackage/manifest.json`,
        });
      }
    }
    lists.forEach((list, l) => {
      const field = `bots[${b}].commandLists[${l}].commands`;
      const titles = list.commands.map((c) => c.title);
      const unknown = titles.filter((t) => !names.includes(t as (typeof names)[number]));
      const absent = names.filter((n) => !titles.includes(n));
      if (unknown.length > 0 || absent.length > 0 || titles.length !== names.length) {
        problems.push({
          field,
          message: `lists [${titles.join(', ')}] but the bot handles [${names.join(', ')}]`,
          fix: 'let the build fill commands from BOT_COMMANDS (shared/contract/botCommands.ts); do not list them by hand',
        });
      }
      list.commands.forEach((c, i) => {
        if (c.title.length > TITLE_MAX || (c.description ?? '').length > DESCRIPTION_MAX) {
          problems.push({
            field: `${field}[${i}]`,
            message: `"${c.title}" is longer than Teams allows (title ${TITLE_MAX}, description ${DESCRIPTION_MAX} characters)`,
            fix: 'shorten it in shared/contract/botCommands.ts',
          });
        }
      });
    });
  });
  return problems;
}
