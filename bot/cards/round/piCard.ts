import type { PiView } from '../../../shared/contract/rounds/viewSchemas';
import { paragraph, type CardAction, type CardElement } from '../adaptive';
import { actionSet, caption } from '../elements';
import { roundAction, type CardParts, type Render } from './frame';
import { optionLabel, optionList, progress, resultsSection, voteInputs, voteText } from './piParts';
import { piFacilitatorParts } from './piFacilitator';

const names = (people: Array<{ name: string }>) =>
  people.map((p) => `**${p.name || 'a classmate'}**`).join(' and ');

/** A Peer Instruction card: a student's own view, the shared card, or the facilitator's controls. */
export function piParts(view: PiView, r: Render, showMyView: boolean): CardParts {
  if (r.facilitator) return piFacilitatorParts(view, r);
  const body: CardElement[] = [paragraph(`**${view.question}**`)];
  const actions: CardAction[] = [];
  const me = view.me;
  switch (view.phase) {
    case 'ready':
      body.push(optionList(view), caption('The question opens when your lecturer starts it.'));
      break;
    case 'answering':
      if (me?.answer) {
        body.push(
          optionList(view),
          paragraph(`Your answer: ${voteText(view, me.answer)}. Waiting for the others.`),
        );
      } else {
        body.push(...voteInputs(view));
        body.push(actionSet([roundAction(r, 'Submit answer', 'answer', {}, { style: 'positive' })]));
      }
      body.push(progress(view.answeredCount, 'answered', view, null));
      break;
    case 'gate':
      body.push(optionList(view));
      if (me?.answer) body.push(paragraph(`Your answer: ${voteText(view, me.answer)}.`));
      body.push(caption('Answering is closed. Your lecturer decides what comes next.'));
      break;
    case 'discussion':
      body.push(optionList(view), ...discussion(view, r, showMyView));
      break;
    case 'revote':
      if (me?.revote) {
        body.push(optionList(view), paragraph(`Your re-vote: ${voteText(view, me.revote)}.`));
      } else {
        body.push(paragraph('Vote again: you may keep your answer or change it.'));
        body.push(...voteInputs(view, me?.answer?.option));
        body.push(actionSet([roundAction(r, 'Submit re-vote', 'revote', {}, { style: 'positive' })]));
      }
      body.push(progress(view.revotedCount, 're-voted', view, null));
      break;
    case 'revealed':
    case 'ended':
      body.push(...resultsSection(view));
      if (me?.answer) body.push(paragraph(yourPath(view)));
      if (!view.results) body.push(optionList(view));
      break;
    case 'cancelled':
      body.push(optionList(view), caption('This round was cancelled.'));
      break;
    default:
      body.push(optionList(view));
  }
  return { body, actions };
}

function discussion(view: PiView, r: Render, showMyView: boolean): CardElement[] {
  if (r.audience === 'shared')
    return [
      paragraph(
        showMyView
          ? 'Discussion time. Press **Show my view** to see who to talk to.'
          : 'Discussion time. Your own card shows who to talk to.',
      ),
    ];
  const group = view.me?.group;
  const out: CardElement[] = [];
  if (view.me?.answer) out.push(paragraph(`Your answer: ${voteText(view, view.me.answer)}.`));
  if (group && group.partners.length > 0) {
    out.push(
      paragraph(
        `Talk with ${names(group.partners)} (group ${group.index + 1}). Explain why you chose your answer, then listen to theirs.`,
      ),
    );
  } else {
    out.push(paragraph('You have no discussion partner yet.'));
    out.push(actionSet([roundAction(r, 'Find me a partner', 'join')]));
  }
  if (view.deadline !== null) out.push(progress(view.answeredCount, 'answered', view, null));
  return out;
}

/** `You answered C, then B (correct).` */
function yourPath(view: PiView): string {
  const me = view.me!;
  const mark = (o: number) => (view.correctOption === null ? '' : o === view.correctOption ? ' ✓' : ' ✗');
  const first = `${optionLabel(view, me.answer!.option)}${mark(me.answer!.option)}`;
  if (!me.revote) return `You answered ${first}.`;
  return `You answered ${first}, then ${optionLabel(view, me.revote.option)}${mark(me.revote.option)}.`;
}
