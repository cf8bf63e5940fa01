import type { RoundCreateInput } from '../../../shared/contract/rounds/create';
import { ROUND_LIMITS } from '../../../shared/contract/rounds/limits';

/** A typed `poll`, read into a poll to create, or the one sentence that says what is wrong. */
export type PollTextResult = { ok: true; round: RoundCreateInput } | { ok: false; message: string };

const EXAMPLE =
  'For example: **poll Which topic next? | Paging | Threads | Locks**, or **poll 1-5 How clear was today?** ' +
  '(add **named** to see who chose what: **poll named ...**).';

/**
 * Reads `poll [named] [1-5|1-10] Question | option | option ...`: options separated by `|`, or a scale
 * before the question. Anonymous unless `named` is given.
 */
export function parsePollText(args: string): PollTextResult {
  let rest = args.trim();
  let anonymous = true;
  let scale: 5 | 10 | null = null;
  for (;;) {
    const named = /^named\b\s*/i.exec(rest);
    const sc = /^1\s*[-–]\s*(5|10)\b\s*/.exec(rest);
    if (named) {
      anonymous = false;
      rest = rest.slice(named[0].length);
    } else if (sc) {
      scale = sc[1] === '5' ? 5 : 10;
      rest = rest.slice(sc[0].length);
    } else break;
  }
  const parts = rest.split('|').map((p) => p.trim());
  const question = parts[0] ?? '';
  const options = parts.slice(1);
  if (!question) return { ok: false, message: `Write the question first. ${EXAMPLE}` };
  if (question.length > ROUND_LIMITS.questionTextMax)
    return {
      ok: false,
      message: `The question is too long (at most ${ROUND_LIMITS.questionTextMax} characters).`,
    };
  const settings = { anonymous };
  if (scale !== null) {
    if (options.length > 0)
      return { ok: false, message: `A scale poll has no options of its own. ${EXAMPLE}` };
    return { ok: true, round: { kind: 'poll', question, scale, settings } };
  }
  if (options.length < ROUND_LIMITS.optionsMin)
    return {
      ok: false,
      message: `Give at least ${ROUND_LIMITS.optionsMin} options separated by |, or a scale. ${EXAMPLE}`,
    };
  if (options.length > ROUND_LIMITS.pollOptionsMax)
    return { ok: false, message: `Give at most ${ROUND_LIMITS.pollOptionsMax} options.` };
  const empty = options.findIndex((o) => o === '');
  if (empty >= 0) return { ok: false, message: `Option ${empty + 1} is empty. ${EXAMPLE}` };
  const long = options.findIndex((o) => o.length > ROUND_LIMITS.optionTextMax);
  if (long >= 0)
    return {
      ok: false,
      message: `Option ${long + 1} is too long (at most ${ROUND_LIMITS.optionTextMax} characters).`,
    };
  if (new Set(options.map((o) => o.toLowerCase())).size < options.length)
    return { ok: false, message: 'Two options are the same; make each one different.' };
  return { ok: true, round: { kind: 'poll', question, options, settings } };
}

/** The prompt of a bare `cloud`. */
export const DEFAULT_CLOUD_PROMPT = 'Which word comes to mind about today’s topic?';
