import { adaptiveCard, paragraph, type AdaptiveCard } from './adaptive';
import { notice } from './elements';

/** A card holding one sentence, for a card action whose round is gone (nothing left to show). */
export function messageCard(text: string): AdaptiveCard {
  return adaptiveCard([notice(text), paragraph('Type **status** in the chat to see what is running.')]);
}
