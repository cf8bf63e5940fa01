import type { Confidence } from '../../../shared/contract/rounds/state';
import type { PiView } from '../../../shared/contract/rounds/viewSchemas';
import { factSet, paragraph, type CardElement } from '../adaptive';
import { caption, choiceSet, letter, localTime, monospace } from '../elements';
import { distributionLines, resultFacts } from './bars';

const CONFIDENCE: Record<Confidence, string> = { low: 'Low', medium: 'Medium', high: 'High' };

/** `B. 4`: an option with its letter. */
export function optionLabel(view: PiView, index: number): string {
  return `${letter(index)}. ${view.options[index] ?? '?'}`;
}

/** The options as a list; the correct one marked when the viewer may know it and `markCorrect` allows. */
export function optionList(view: PiView, markCorrect = true): CardElement {
  const lines = view.options.map(
    (_, i) => `${optionLabel(view, i)}${markCorrect && view.correctOption === i ? '  ✓ correct' : ''}`,
  );
  return paragraph(lines.join('\n\n'));
}

/** A vote as a sentence part: `B. 4 (confidence high)`. */
export function voteText(view: PiView, vote: { option: number; confidence: Confidence }): string {
  return `**${optionLabel(view, vote.option)}** (confidence ${CONFIDENCE[vote.confidence].toLowerCase()})`;
}

/** The answer inputs: one option (radio buttons) and a confidence, both required. */
export function voteInputs(view: PiView, preset?: number): CardElement[] {
  return [
    choiceSet(
      'option',
      view.options.map((_, i) => ({ title: optionLabel(view, i), value: String(i) })),
      {
        label: 'Your answer',
        expanded: true,
        required: 'Pick an answer.',
        ...(preset !== undefined ? { value: String(preset) } : {}),
      },
    ),
    choiceSet(
      'confidence',
      (['low', 'medium', 'high'] as const).map((c) => ({ title: CONFIDENCE[c], value: c })),
      { label: 'How sure are you?', expanded: true, required: 'Say how sure you are.' },
    ),
  ];
}

/** `12 answered · closes at 10:42`: the count and the deadline in the reader's time zone. */
export function progress(count: number, verb: string, view: PiView, eligible: number | null): CardElement {
  const parts = [eligible ? `${count} of ${eligible} ${verb}` : `${count} ${verb}`];
  if (view.deadline !== null) parts.push(`closes at ${localTime(view.deadline)}`);
  return caption(parts.join(' · '));
}

/** The results: correct answer, bars before (and after) per option, and the learning figures. */
export function resultsSection(view: PiView): CardElement[] {
  const results = view.results;
  if (!results) return [];
  const out: CardElement[] = [];
  if (results.correctOption !== null)
    out.push(paragraph(`Correct answer: **${optionLabel(view, results.correctOption)}**`));
  out.push(caption(results.after ? 'First vote → re-vote' : 'Votes'));
  out.push(monospace(distributionLines(results)));
  out.push(factSet(resultFacts(results)));
  return out;
}
