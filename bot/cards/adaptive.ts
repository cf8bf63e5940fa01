/** Adaptive Cards as plain JSON: the bot logic builds them without any Bot Framework import. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** Teams supports Adaptive Cards 1.5 on desktop, web and mobile. */
export const ADAPTIVE_CARD_VERSION = '1.5';

/** One element of a card body (TextBlock, FactSet, Container, ...). */
export interface CardElement {
  type: string;
  [key: string]: unknown;
}

/** One card action (Action.Execute, Action.OpenUrl, ...). */
export interface CardAction {
  type: string;
  title?: string;
  [key: string]: unknown;
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: CardElement[];
  actions?: CardAction[];
  /** Universal Actions refresh (per-user views); used by round cards. */
  refresh?: { action: CardAction; userIds?: string[] };
  msteams?: { width?: 'Full' };
}

/** A 1.5 card with the given body and actions. */
export function adaptiveCard(body: CardElement[], actions: CardAction[] = []): AdaptiveCard {
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: ADAPTIVE_CARD_VERSION,
    body,
  };
  if (actions.length > 0) card.actions = actions;
  return card;
}

/** A bold, larger line that opens a card. */
export function heading(text: string): CardElement {
  return { type: 'TextBlock', text, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' };
}

/** A wrapped paragraph; `subtle` for footnotes. */
export function paragraph(text: string, opts: { subtle?: boolean } = {}): CardElement {
  const block: CardElement = { type: 'TextBlock', text, wrap: true };
  if (opts.subtle) {
    block.isSubtle = true;
    block.size = 'Small';
  }
  return block;
}

/** A two-column list of titles and values. */
export function factSet(facts: Array<{ title: string; value: string }>): CardElement {
  return { type: 'FactSet', facts };
}
