import { adaptiveCard, heading, paragraph, type AdaptiveCard } from './adaptive';
import { commandFacts } from './commandList';

/** The answer to `help`: what Stoa does and every command it understands. */
export function helpCard(): AdaptiveCard {
  return adaptiveCard([
    heading('What I can do'),
    paragraph(
      'I run short peer-question rounds in this class: a question everyone answers, a round of questions ' +
        'from the room, or a check on what is still unclear. Results land in the lecture notes.',
    ),
    commandFacts(),
    paragraph('In a channel or group chat, mention me first, for example: @Stoa help', { subtle: true }),
  ]);
}
