import { ROUND_LIMITS } from '../../shared/contract/rounds/limits';
import { DEFAULT_DURATIONS_MS } from '../../shared/contract/rounds/settings';
import { adaptiveCard, heading, paragraph, type AdaptiveCard, type CardElement } from './adaptive';
import { actionSet, caption, choiceSet, execute, letter, notice, textInput } from './elements';

export const COMPOSE_VIEW_VERB = 'composeView';
export const COMPOSE_SUBMIT_VERB = 'composePi';
export const COMPOSE_SAVED_VERB = 'composeSaved';

/** Saved questions offered on the form, newest first; more than this are left for the tab. */
export const SAVED_SHOWN = 5;

/** Seconds offered for answering and for discussion; the defaults are the evidence-based ones. */
export const ANSWERING_CHOICES = [60, 75, 90, 120, 180] as const;
export const DISCUSSION_CHOICES = [120, 180, 240] as const;
const PI = DEFAULT_DURATIONS_MS.peer_instruction;

/** What the form held when it was sent, to fill it in again after a refusal. */
export type ComposeValues = Partial<Record<string, string>>;

const seconds = (s: number) => (s % 60 === 0 ? `${s / 60} min` : `${s} s`);

/**
 * The card the chat holds while a facilitator writes a question. It names nobody and says nothing about
 * anyone writing (the lecturer's name on it told the whole class who was composing, and when): it is the
 * place where the round will appear, and Teams refreshes it into the form for its author alone.
 */
export function composePlaceholder(input: { classId: string; authorMri: string | null }): AdaptiveCard {
  const card = adaptiveCard(
    [heading('Stoa'), paragraph('The next round appears here when it starts.')],
    [execute('Open the form', COMPOSE_VIEW_VERB, { classId: input.classId }, { inputs: 'none' })],
  );
  card.refresh = {
    action: execute('Open the form', COMPOSE_VIEW_VERB, { classId: input.classId }),
    userIds: input.authorMri ? [input.authorMri] : [],
  };
  return card;
}

/** The form itself: question, 2-6 options, the correct one, and the timing. */
export function composeForm(input: {
  classId: string;
  viewerMri: string | null;
  values?: ComposeValues;
  notice?: string;
  /** The live session's saved questions, each started by its own button. */
  saved?: { roundId: string; question: string }[];
}): AdaptiveCard {
  const v = input.values ?? {};
  const body: CardElement[] = [];
  if (input.notice) body.push(notice(input.notice));
  body.push(heading('New Peer Instruction question'));
  body.push(caption('Only you see this form. Students see the question when you start it.'));
  const saved = (input.saved ?? []).slice(0, SAVED_SHOWN);
  if (saved.length > 0) {
    body.push(paragraph('Start a saved question:'));
    body.push(
      actionSet(
        saved.map((q) =>
          execute(
            q.question.length > 60 ? `${q.question.slice(0, 57)}...` : q.question,
            COMPOSE_SAVED_VERB,
            { classId: input.classId, roundId: q.roundId },
            { inputs: 'none' },
          ),
        ),
      ),
    );
    body.push(paragraph('Or write a new one:'));
  }
  body.push(
    textInput('question', {
      label: 'Question',
      maxLength: ROUND_LIMITS.questionTextMax,
      multiline: true,
      required: 'Write the question.',
      ...(v.question ? { value: v.question } : {}),
    }),
  );
  for (let i = 0; i < ROUND_LIMITS.optionsMax; i++) {
    const required = i < ROUND_LIMITS.optionsMin ? `Option ${letter(i)} is needed.` : undefined;
    const value = v[`option${i}`];
    body.push(
      textInput(`option${i}`, {
        label: `Option ${letter(i)}${i < ROUND_LIMITS.optionsMin ? '' : ' (optional)'}`,
        maxLength: ROUND_LIMITS.optionTextMax,
        ...(required ? { required } : {}),
        ...(value ? { value } : {}),
      }),
    );
  }
  body.push(
    choiceSet(
      'correct',
      [
        ...Array.from({ length: ROUND_LIMITS.optionsMax }, (_, i) => ({
          title: letter(i),
          value: String(i),
        })),
        { title: 'No correct answer (opinion)', value: 'none' },
      ],
      {
        label: 'Correct option',
        required: 'Pick the correct option, or "No correct answer".',
        ...(v.correct ? { value: v.correct } : {}),
      },
    ),
    choiceSet(
      'answeringSec',
      ANSWERING_CHOICES.map((s) => ({ title: seconds(s), value: String(s) })),
      { label: 'Time to answer', value: v.answeringSec ?? String(PI.answering / 1000) },
    ),
    choiceSet(
      'discussionSec',
      DISCUSSION_CHOICES.map((s) => ({ title: seconds(s), value: String(s) })),
      { label: 'Time to discuss', value: v.discussionSec ?? String(PI.discussion / 1000) },
    ),
    actionSet([
      execute('Start the question', COMPOSE_SUBMIT_VERB, { classId: input.classId }, { style: 'positive' }),
    ]),
  );
  const card = adaptiveCard(body);
  card.refresh = {
    action: execute('Open the form', COMPOSE_VIEW_VERB, { classId: input.classId }),
    userIds: input.viewerMri ? [input.viewerMri] : [],
  };
  return card;
}
