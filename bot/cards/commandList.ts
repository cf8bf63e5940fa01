import { BOT_COMMANDS } from '../../shared/contract/botCommands';
import { factSet, type CardElement } from './adaptive';

/** The command list from the contract, so cards, dispatcher and manifest name the same commands. */
export function commandFacts(): CardElement {
  return factSet(BOT_COMMANDS.map((c) => ({ title: c.title, value: c.description })));
}
