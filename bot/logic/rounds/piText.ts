import { ROUND_LIMITS } from '../../../shared/contract/rounds/limits';

/** A Peer Instruction question as typed: `pi What is 2+2? | 3 | 4* | 5`. */
export type PiTextResult =
  | { ok: true; question: string; options: string[]; correctOption: number | null }
  | { ok: false; message: string };

const EXAMPLE = 'For example: **pi What is 2+2? | 3 | 4* | 5** (a * marks the correct option).';

/**
 * Reads the question and options of a typed `pi`: parts separated by `|`, the first is the question, a
 * trailing `*` marks the correct option (none: an opinion question). Every problem gets its own sentence.
 */
export function parsePiText(args: string): PiTextResult {
  const parts = args.split('|').map((p) => p.trim());
  const question = parts[0] ?? '';
  const raw = parts.slice(1);
  if (!question) return { ok: false, message: `Write the question first. ${EXAMPLE}` };
  if (question.length > ROUND_LIMITS.questionTextMax)
    return {
      ok: false,
      message: `The question is too long (at most ${ROUND_LIMITS.questionTextMax} characters).`,
    };
  if (raw.length < ROUND_LIMITS.optionsMin)
    return {
      ok: false,
      message: `Give at least ${ROUND_LIMITS.optionsMin} options, separated by |. ${EXAMPLE}`,
    };
  if (raw.length > ROUND_LIMITS.optionsMax)
    return { ok: false, message: `Give at most ${ROUND_LIMITS.optionsMax} options.` };
  const options: string[] = [];
  const starred: number[] = [];
  for (const [i, part] of raw.entries()) {
    const star = part.endsWith('*');
    const text = (star ? part.slice(0, -1) : part).trim();
    if (!text) return { ok: false, message: `Option ${i + 1} is empty. ${EXAMPLE}` };
    if (text.length > ROUND_LIMITS.optionTextMax)
      return {
        ok: false,
        message: `Option ${i + 1} is too long (at most ${ROUND_LIMITS.optionTextMax} characters).`,
      };
    if (star) starred.push(i);
    options.push(text);
  }
  if (starred.length > 1) return { ok: false, message: 'Mark only one option as correct with *.' };
  if (new Set(options.map((o) => o.toLowerCase())).size < options.length)
    return { ok: false, message: 'Two options are the same; make each one different.' };
  return { ok: true, question, options, correctOption: starred[0] ?? null };
}
