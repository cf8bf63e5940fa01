import { ROUND_LIMITS } from '../../../shared/contract/rounds/limits';
import { ANSWERING_CHOICES, DISCUSSION_CHOICES, type ComposeValues } from '../../cards/composeCard';
import type { RoundCreateInput } from '../../../shared/contract/rounds/create';
import { letter } from '../../cards/elements';

export type ComposeResult =
  { ok: true; round: RoundCreateInput } | { ok: false; message: string; values: ComposeValues };

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Reads the compose form (as Teams sends it: strings) into a Peer Instruction round, or says what to fix. */
export function readComposeForm(data: Record<string, unknown>): ComposeResult {
  const values: ComposeValues = {};
  for (const key of ['question', 'correct', 'answeringSec', 'discussionSec'])
    if (str(data[key])) values[key] = str(data[key]);
  const fail = (message: string): ComposeResult => ({ ok: false, message, values });
  const question = str(data.question);
  // Options keep their letters: an empty B between A and C is a mistake to point out, not to close up.
  const slots = Array.from({ length: ROUND_LIMITS.optionsMax }, (_, i) => str(data[`option${i}`]));
  slots.forEach((v, i) => {
    if (v) values[`option${i}`] = v;
  });
  if (!question) return fail('Write the question.');
  if (question.length > ROUND_LIMITS.questionTextMax)
    return fail(`The question is too long (at most ${ROUND_LIMITS.questionTextMax} characters).`);
  const last = slots.reduce((at, v, i) => (v ? i : at), -1);
  const gap = slots.findIndex((v, i) => !v && i < last);
  if (gap >= 0) return fail(`Option ${letter(gap)} is empty; fill it in or move the later options up.`);
  const options = slots.slice(0, last + 1);
  if (options.length < ROUND_LIMITS.optionsMin)
    return fail(`Give at least ${ROUND_LIMITS.optionsMin} options.`);
  const tooLong = options.findIndex((o) => o.length > ROUND_LIMITS.optionTextMax);
  if (tooLong >= 0)
    return fail(`Option ${letter(tooLong)} is too long (at most ${ROUND_LIMITS.optionTextMax} characters).`);
  const correct = str(data.correct);
  let correctOption: number | null = null;
  if (correct !== 'none') {
    const n = Number(correct);
    if (!correct || !Number.isInteger(n) || n < 0 || n >= options.length)
      return fail(
        correct
          ? `Option ${letter(n)} is empty, so it cannot be the correct one.`
          : 'Pick the correct option, or "No correct answer".',
      );
    correctOption = n;
  }
  const answering = Number(str(data.answeringSec) || 75);
  const discussion = Number(str(data.discussionSec) || 180);
  if (
    !(ANSWERING_CHOICES as readonly number[]).includes(answering) ||
    !(DISCUSSION_CHOICES as readonly number[]).includes(discussion)
  )
    return fail('Pick one of the offered times.');
  return {
    ok: true,
    round: {
      kind: 'peer_instruction',
      question,
      options,
      correctOption,
      settings: { durations: { answering: answering * 1000, discussion: discussion * 1000 } },
    },
  };
}
