import type { CardAction, CardElement } from './adaptive';

/** Data every Stoa `Action.Execute` carries; Teams merges the card's input values into it. */
export type ActionData = Record<string, string | number | boolean | undefined>;

/** A Universal Action: Teams sends it to the bot as an `adaptiveCard/action` invoke with this verb and data. */
export function execute(
  title: string,
  verb: string,
  data: ActionData,
  opts: { style?: 'positive' | 'destructive'; inputs?: 'auto' | 'none' } = {},
): CardAction {
  const action: CardAction = { type: 'Action.Execute', title, verb, data };
  if (opts.style) action.style = opts.style;
  // Buttons that only move the round on must not be blocked by half-filled inputs elsewhere on the card.
  if (opts.inputs === 'none') action.associatedInputs = 'none';
  return action;
}

/** A row of buttons inside the body (next to what they act on). */
export function actionSet(actions: CardAction[]): CardElement {
  return { type: 'ActionSet', actions };
}

/** A single-choice input; `expanded` shows radio buttons, otherwise a drop-down. */
export function choiceSet(
  id: string,
  choices: Array<{ title: string; value: string }>,
  opts: { label?: string; value?: string; expanded?: boolean; required?: string } = {},
): CardElement {
  const el: CardElement = {
    type: 'Input.ChoiceSet',
    id,
    choices,
    style: opts.expanded ? 'expanded' : 'compact',
  };
  if (opts.label) el.label = opts.label;
  if (opts.value !== undefined) el.value = opts.value;
  if (opts.required) {
    el.isRequired = true;
    el.errorMessage = opts.required;
  }
  return el;
}

/** A text input; `required` is the message Teams shows when it is left empty. */
export function textInput(
  id: string,
  opts: {
    label?: string;
    placeholder?: string;
    maxLength: number;
    multiline?: boolean;
    value?: string;
    required?: string;
  },
): CardElement {
  const el: CardElement = {
    type: 'Input.Text',
    id,
    maxLength: opts.maxLength,
    isMultiline: !!opts.multiline,
  };
  if (opts.label) el.label = opts.label;
  if (opts.placeholder) el.placeholder = opts.placeholder;
  if (opts.value) el.value = opts.value;
  if (opts.required) {
    el.isRequired = true;
    el.errorMessage = opts.required;
  }
  return el;
}

/** An on/off input; its value arrives as the string `true` or `false`. */
export function toggle(id: string, title: string, value: boolean): CardElement {
  return { type: 'Input.Toggle', id, title, value: String(value), valueOn: 'true', valueOff: 'false' };
}

/** Monospaced lines (bar displays), one TextBlock so they stay aligned. */
export function monospace(lines: string[]): CardElement {
  return { type: 'TextBlock', text: lines.join('\n\n'), fontType: 'Monospace', wrap: true, spacing: 'Small' };
}

/** A highlighted one-line notice (a refusal, a stale card), shown at the top of the card. */
export function notice(text: string): CardElement {
  return { type: 'TextBlock', text, wrap: true, color: 'Attention', weight: 'Bolder' };
}

/** A small caption line (status, counts). */
export function caption(text: string): CardElement {
  return { type: 'TextBlock', text, wrap: true, isSubtle: true, spacing: 'Small' };
}

/** A container with a separator line above, to group one item (a question and its answers). */
export function section(items: CardElement[], opts: { emphasis?: boolean } = {}): CardElement {
  const el: CardElement = { type: 'Container', items, separator: true, spacing: 'Medium' };
  if (opts.emphasis) el.style = 'emphasis';
  return el;
}

/**
 * A time shown in each reader's own time zone: Adaptive Cards format `{{TIME(...)}}` on the client.
 * It needs RFC 3339 without milliseconds.
 */
export function localTime(epochMs: number): string {
  return `{{TIME(${new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z')})}}`;
}

/** Option letters: A, B, C, ... (at most six options). */
export function letter(index: number): string {
  return String.fromCharCode(65 + index);
}
