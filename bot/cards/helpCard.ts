import { adaptiveCard, heading, paragraph, type AdaptiveCard } from './adaptive';
import { commandFacts } from './commandList';

/** The answer to `help`: what Stoa does, every command it understands, and how to start a round. */
export function helpCard(): AdaptiveCard {
  return adaptiveCard([
    heading('What I can do'),
    paragraph(
      'I run short peer-question rounds in this class: a question everyone answers, a round of questions ' +
        'from the room, or a check on what is still unclear. Results land in the lecture notes.',
    ),
    commandFacts(),
    paragraph(
      'Start a question at once with **pi What is 2+2? | 3 | 4* | 5** (the * marks the correct option), or ' +
        'type **pi** alone for a form. Prepare questions before the lecture with **pi save ...** and pick them ' +
        'on the form. **poll Which topic next? | Paging | Threads** or **poll 1-5 How clear was today?** runs a ' +
        'quick poll; **cloud One word for today?** collects a word cloud. **end session** ends the lecture.',
    ),
    paragraph(
      'During a lecture, students ask with **ask Why is the sky blue?** (**ask anon ...** hides your name ' +
        'from classmates) and see and vote on the questions with **questions**.',
    ),
    paragraph('In a channel or group chat, mention me first, for example: @Stoa help', { subtle: true }),
  ]);
}
