import { canFacilitate } from '../../../shared/contract/classes';
import { defaultMuddyPrompt } from '../../../shared/contract/rounds/prompts';
import { ROUND_LIMITS } from '../../../shared/contract/rounds/limits';
import { composePlaceholder } from '../../cards/composeCard';
import type { CommandContext } from '../commandHandlers';
import type { Reply } from '../types';
import { parsePiText } from './piText';
import { DEFAULT_CLOUD_PROMPT, parsePollText } from './quickText';
import { describeFailure, isRefusal, ROUND_MESSAGES } from './roundMessages';
import { ensureLiveSession } from './session';
import { startRoundFromChat } from './startRound';
import type { RoundCreateInput } from '../../../shared/contract/rounds/create';

/** The topic of a bare `ask`. */
export const DEFAULT_TOPIC = 'Open questions';

const text = (t: string): Reply[] => [{ type: 'text', text: t }];

/** Starts a round for a facilitator; students and refusals get one polite sentence. */
async function start(ctx: CommandContext, round: RoundCreateInput): Promise<Reply[]> {
  if (!canFacilitate(ctx.cls.myRole)) return text(ROUND_MESSAGES.facilitatorsOnly);
  try {
    const outcome = await startRoundFromChat(ctx, ctx.cls, round);
    return outcome.ok ? outcome.replies : text(outcome.message);
  } catch (err) {
    if (isRefusal(err)) return text(describeFailure(err));
    throw err;
  }
}

/** `pi Question | a | b* | c` starts at once; a bare `pi` posts the compose card. */
export async function piCommand(ctx: CommandContext): Promise<Reply[]> {
  if (!canFacilitate(ctx.cls.myRole)) return text(ROUND_MESSAGES.facilitatorsOnly);
  if (!ctx.args.trim())
    return [
      {
        type: 'card',
        card: composePlaceholder({ classId: ctx.cls.id, authorMri: ctx.mri }),
        summary: 'Stoa',
      },
    ];
  const save = /^save\b/i.exec(ctx.args.trim());
  const parsed = parsePiText(save ? ctx.args.trim().slice(save[0].length) : ctx.args);
  if (!parsed.ok) return text(parsed.message);
  if (save) return saveQuestion(ctx, parsed);
  return start(ctx, {
    kind: 'peer_instruction',
    question: parsed.question,
    options: parsed.options,
    correctOption: parsed.correctOption,
  });
}

/**
 * `pi save Question | a | b* | c`: keeps the question in the live session (opened if there is none) without
 * starting it; the compose form lists it, and picking it there starts it.
 */
async function saveQuestion(
  ctx: CommandContext,
  pi: { question: string; options: string[]; correctOption: number | null },
): Promise<Reply[]> {
  const client = ctx.deps.stoaFor(ctx.who);
  try {
    const { session, created } = await ensureLiveSession(client, ctx.cls.id, ctx.deps.now());
    await client.call('startRound', {
      params: { sessionId: session.id },
      body: {
        round: {
          kind: 'peer_instruction',
          question: pi.question,
          options: pi.options,
          correctOption: pi.correctOption,
        },
        start: false,
      },
    });
    const opened = created ? `I opened the session **${session.title}**. ` : '';
    return text(
      `${opened}Saved for later: **${pi.question}**. Type **pi** when you want to ask it and pick it on the form.`,
    );
  } catch (err) {
    if (isRefusal(err)) return text(describeFailure(err));
    throw err;
  }
}

/** `ask <topic>`: a question round (a bare `ask` opens one on open questions). */
export async function askCommand(ctx: CommandContext): Promise<Reply[]> {
  const topic = ctx.args.trim() || DEFAULT_TOPIC;
  if (topic.length > ROUND_LIMITS.topicMax)
    return text(`The topic is too long (at most ${ROUND_LIMITS.topicMax} characters).`);
  return start(ctx, { kind: 'question_round', topic });
}

/** `muddy [prompt]`: the muddiest point, with the standard prompt (in the lecturer's language) unless one is given. */
export async function muddyCommand(ctx: CommandContext): Promise<Reply[]> {
  const prompt = ctx.args.trim() || defaultMuddyPrompt(ctx.locale);
  if (prompt.length > ROUND_LIMITS.questionTextMax)
    return text(`The prompt is too long (at most ${ROUND_LIMITS.questionTextMax} characters).`);
  return start(ctx, { kind: 'muddiest_point', prompt });
}

/** `poll [named] [1-5|1-10] Question | a | b`: a quick poll, results hidden until the facilitator reveals them. */
export async function pollCommand(ctx: CommandContext): Promise<Reply[]> {
  if (!canFacilitate(ctx.cls.myRole)) return text(ROUND_MESSAGES.facilitatorsOnly);
  const parsed = parsePollText(ctx.args);
  if (!parsed.ok) return text(parsed.message);
  return start(ctx, parsed.round);
}

/** `cloud [prompt]`: a word cloud, with a standard prompt unless one is given. */
export async function cloudCommand(ctx: CommandContext): Promise<Reply[]> {
  const prompt = ctx.args.trim() || DEFAULT_CLOUD_PROMPT;
  if (prompt.length > ROUND_LIMITS.questionTextMax)
    return text(`The prompt is too long (at most ${ROUND_LIMITS.questionTextMax} characters).`);
  return start(ctx, { kind: 'wordcloud', prompt });
}
