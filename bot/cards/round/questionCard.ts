import { ROUND_LIMITS } from '../../../shared/contract/rounds/limits';
import type {
  PeerAnswerView,
  QuestionRoundView,
  QuestionView,
} from '../../../shared/contract/rounds/viewSchemas';
import { paragraph, type CardAction, type CardElement } from '../adaptive';
import { actionSet, caption, section, textInput, toggle } from '../elements';
import { roundAction, type CardParts, type Render } from './frame';

/** Questions shown on a card, best ranked first; the tab shows them all. */
const QUESTIONS_SHOWN = 8;
/** Questions a facilitator can answer directly from the card (each needs a text box). */
const DIRECT_ANSWER_SHOWN = 3;

/** A question round card: ask and upvote, answer assigned questions, rate; facilitators endorse and move on. */
export function questionParts(view: QuestionRoundView, r: Render, showMyView: boolean): CardParts {
  const body: CardElement[] = [];
  const actions: CardAction[] = [];
  const distinct = view.questions.filter((q) => q.duplicateOf === null);
  if (view.phase === 'asking' && !r.facilitator) body.push(...askForm(view, r));
  if (view.phase === 'answering' && r.audience === 'shared')
    body.push(
      caption(
        showMyView
          ? 'The top questions went to classmates to answer. Press **Show my view** to see yours.'
          : 'The top questions went to classmates to answer; your own card shows yours.',
      ),
    );
  const shown = distinct.slice(0, QUESTIONS_SHOWN);
  shown.forEach((q, i) => body.push(questionSection(view, q, r, i < DIRECT_ANSWER_SHOWN)));
  if (distinct.length > shown.length)
    body.push(caption(`… and ${distinct.length - shown.length} more questions`));
  if (distinct.length === 0) body.push(caption('No questions yet.'));
  const merged = view.questions.length - distinct.length;
  if (merged > 0) body.push(caption(`${merged} near-duplicate questions were merged into earlier ones.`));

  if (r.facilitator) {
    const end = roundAction(
      r,
      'End round',
      'advance',
      { to: 'ended' },
      { style: 'destructive', inputs: 'none' },
    );
    if (view.phase === 'asking')
      actions.push(
        roundAction(
          r,
          'Close asking and assign answerers',
          'closePhase',
          {},
          { style: 'positive', inputs: 'none' },
        ),
        end,
      );
    if (view.phase === 'answering') actions.push(end);
  }
  return { body, actions };
}

function askForm(view: QuestionRoundView, r: Render): CardElement[] {
  const form: CardElement[] = [
    textInput('questionText', {
      label: 'Your question',
      placeholder: 'What would you like to ask?',
      maxLength: ROUND_LIMITS.questionTextMax,
      multiline: true,
      required: 'Write your question first.',
    }),
  ];
  if (view.allowAnonymous) form.push(toggle('anonymous', 'Anonymous to classmates', true));
  form.push(actionSet([roundAction(r, 'Ask', 'ask', {}, { style: 'positive' })]));
  return form;
}

function byline(q: QuestionView, r: Render): string {
  const parts = [`▲ ${q.votes.up}`];
  if (q.votes.down > 0) parts.push(`▼ ${q.votes.down}`);
  if (q.mine) parts.push('your question');
  // A facilitator sees an anonymous asker's name only when they asked for private details.
  else if (q.author && (!q.anonymous || r.privateDetails))
    parts.push(
      `asked by ${q.author.name}${r.facilitator && q.anonymous ? ' (anonymous to classmates)' : ''}`,
    );
  else parts.push('anonymous');
  if (q.answeredInNotes) parts.push('already covered in the notes');
  if (r.facilitator && q.assignedTo && q.assignedTo.length > 0)
    parts.push(`assigned to ${q.assignedTo.map((p) => p.name).join(', ')}`);
  else if (q.assignedToMe) parts.push('assigned to you');
  return parts.join(' · ');
}

function questionSection(
  view: QuestionRoundView,
  q: QuestionView,
  r: Render,
  directAnswer: boolean,
): CardElement {
  const items: CardElement[] = [paragraph(q.text), caption(byline(q, r))];
  const buttons: CardAction[] = [];
  const student = r.audience === 'personal' && !r.facilitator;
  if (view.phase === 'asking' && !r.facilitator && !q.mine) {
    buttons.push(
      q.myVote === 1
        ? roundAction(r, 'Withdraw vote', 'vote', { questionId: q.id, value: 0 }, { inputs: 'none' })
        : roundAction(r, '▲ Upvote', 'vote', { questionId: q.id, value: 1 }, { inputs: 'none' }),
    );
  }
  for (const a of q.answers) items.push(...answerBlock(a, r, student));
  const canAnswer =
    view.phase === 'answering' && ((student && q.assignedToMe) || (r.facilitator && directAnswer));
  if (canAnswer) {
    items.push(
      textInput(`answer_${q.id}`, {
        label: r.facilitator ? 'Answer it yourself' : 'Your answer',
        maxLength: ROUND_LIMITS.peerAnswerTextMax,
        multiline: true,
      }),
    );
    buttons.push(roundAction(r, 'Send answer', 'answerQuestion', { questionId: q.id }));
  }
  if (buttons.length > 0) items.push(actionSet(buttons));
  return section(items, { emphasis: q.assignedToMe && student });
}

function answerBlock(a: PeerAnswerView, r: Render, student: boolean): CardElement[] {
  const parts = [
    a.byFacilitator
      ? 'answered by the lecturer'
      : // Answers carry no anonymity flag: a facilitator's card names answerers only when asked to.
        a.author && (!r.facilitator || r.privateDetails)
        ? `answered by ${a.author.name}`
        : 'answered by a classmate',
  ];
  if (a.mine) parts[0] = 'your answer';
  parts.push(`helpful ${a.ratings.up}`);
  if (a.endorsed) parts.push('✔ endorsed');
  const out: CardElement[] = [paragraph(`> ${a.text}`), caption(parts.join(' · '))];
  const buttons: CardAction[] = [];
  if (student && !a.mine && !a.byFacilitator) {
    if (a.myRating !== 1)
      buttons.push(roundAction(r, 'Helpful', 'rate', { answerId: a.id, value: 1 }, { inputs: 'none' }));
    if (a.myRating !== -1)
      buttons.push(roundAction(r, 'Not helpful', 'rate', { answerId: a.id, value: -1 }, { inputs: 'none' }));
  }
  if (r.facilitator && r.phase !== 'ended')
    buttons.push(
      a.endorsed
        ? roundAction(
            r,
            'Withdraw endorsement',
            'endorse',
            { answerId: a.id, endorsed: false },
            { inputs: 'none' },
          )
        : roundAction(
            r,
            'Endorse',
            'endorse',
            { answerId: a.id, endorsed: true },
            { style: 'positive', inputs: 'none' },
          ),
    );
  if (buttons.length > 0) out.push(actionSet(buttons));
  return out;
}
