import { adaptiveCard, heading, paragraph, type AdaptiveCard } from './adaptive';
import { commandFacts } from './commandList';

/** Sent once, when the class of a conversation is created (install or first message). */
export function welcomeCard(input: { className: string }): AdaptiveCard {
  return adaptiveCard([
    heading('Welcome to Stoa'),
    paragraph(`This conversation now has a Stoa class: **${input.className}**.`),
    paragraph(
      'Share lecture notes everyone can edit live, and let me run peer-question rounds during the lecture. ' +
        'These are the commands I understand:',
    ),
    commandFacts(),
    paragraph('In a channel or group chat, mention me first, for example: @Stoa help', { subtle: true }),
  ]);
}
