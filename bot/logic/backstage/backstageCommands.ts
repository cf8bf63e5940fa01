import type { StoaClient } from '../../../shared/client/client';
import { BACKSTAGE_LIMITS } from '../../../shared/contract/backstage/schemas';
import { backstageCard, BACKSTAGE_PAGE_SIZE } from '../../cards/backstageCard';
import type { CommandContext } from '../commandHandlers';
import { isRefusal } from '../rounds/roundMessages';
import { liveSession } from '../rounds/session';
import type { Reply, Turn } from '../types';
import { BACKSTAGE_MESSAGES, describeBackstageFailure } from './backstageMessages';

const text = (t: string): Reply[] => [{ type: 'text', text: t }];

/** `anon`, `anonymous` or `-a` before the question asks without a name. */
const ANON_FLAG = /^(?:anon|anonymous|-a|--anon)\b\s*/i;

/** Reads `ask [anon] <question>`: the question and whether it is anonymous. */
export function parseAsk(args: string): { text: string; anonymous: boolean } {
  const trimmed = args.trim();
  const flag = ANON_FLAG.exec(trimmed);
  return flag
    ? { text: trimmed.slice(flag[0].length).trim(), anonymous: true }
    : { text: trimmed, anonymous: false };
}

/** Runs a backstage call; a refusal becomes its polite sentence, anything else stays a fault. */
async function politely(run: () => Promise<Reply[]>): Promise<Reply[]> {
  try {
    return await run();
  } catch (err) {
    if (isRefusal(err)) return text(describeBackstageFailure(err));
    throw err;
  }
}

/**
 * `ask <question>` from a student: posts to the live session's always-on questions as them and says what
 * happened (in, merged into a classmate's, waiting for approval) or why not, in one sentence.
 */
export async function backstageAskCommand(ctx: CommandContext): Promise<Reply[]> {
  const ask = parseAsk(ctx.args);
  if (!ask.text) return text(BACKSTAGE_MESSAGES.usage);
  if (ask.text.length > BACKSTAGE_LIMITS.questionTextMax)
    return text(BACKSTAGE_MESSAGES.tooLong(BACKSTAGE_LIMITS.questionTextMax));
  const client = ctx.deps.stoaFor(ctx.who);
  return politely(async () => {
    const session = await liveSession(client, ctx.cls.id);
    if (!session) return text(BACKSTAGE_MESSAGES.noSession);
    const result = await client.call('askBackstage', {
      params: { sessionId: session.id },
      body: { text: ask.text, anonymous: ask.anonymous },
    });
    if (result.duplicateOf) return text(BACKSTAGE_MESSAGES.duplicate);
    if (result.question.status === 'pending') return text(BACKSTAGE_MESSAGES.pending);
    return text(BACKSTAGE_MESSAGES.published(ask.anonymous));
  });
}

/** One page of the session's questions as the turn's user sees them. */
export async function readBackstagePage(client: StoaClient, sessionId: string, offset: number) {
  return client.call('listBackstage', {
    params: { sessionId },
    query: { offset, limit: BACKSTAGE_PAGE_SIZE },
  });
}

/** The title a questions card shows, or a neutral one when the session cannot be read. */
export async function sessionTitle(client: StoaClient, sessionId: string): Promise<string> {
  try {
    return (await client.call('getSession', { params: { sessionId } })).title;
  } catch {
    return 'this lecture';
  }
}

/**
 * `questions`: posts one card with the first page of the ranked questions. The posted copy shows nothing
 * of the caller's own (everyone in the chat sees it) and refreshes into their personal view.
 */
export async function questionsCommand(ctx: CommandContext): Promise<Reply[]> {
  const client = ctx.deps.stoaFor(ctx.who);
  return politely(async () => {
    const session = await liveSession(client, ctx.cls.id);
    if (!session) return text(BACKSTAGE_MESSAGES.noSession);
    const page = await readBackstagePage(client, session.id, 0);
    return [
      {
        type: 'card',
        card: backstageCard(page, {
          sessionId: session.id,
          sessionTitle: session.title,
          refreshUserIds: refreshFor(ctx),
          audience: 'shared',
        }),
        summary: `Questions: ${session.title}`,
      },
    ];
  });
}

/** Who the card refreshes for: the turn's user, when Teams named them. */
export function refreshFor(turn: Turn): string[] {
  return turn.mri ? [turn.mri] : [];
}
