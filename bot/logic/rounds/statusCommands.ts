import { canFacilitate } from '../../../shared/contract/classes';
import type { RoundView } from '../../../shared/contract/rounds/viewSchemas';
import { phaseLabel } from '../../cards/round/frame';
import { roundTitle } from '../../cards/round/roundCard';
import type { CommandContext } from '../commandHandlers';
import type { Reply } from '../types';
import { describeFailure, isRefusal, ROUND_MESSAGES } from './roundMessages';
import { currentRound, liveSession, unstartedRounds } from './session';
import type { StoaClient } from '../../../shared/client/client';
import { updateRoundCard } from './updateCard';

const text = (t: string): Reply[] => [{ type: 'text', text: t }];

function roundLine(round: RoundView): string {
  const counts =
    round.kind === 'peer_instruction'
      ? `, ${round.answeredCount} answered`
      : round.kind === 'muddiest_point'
        ? `, ${round.submittedCount} submitted`
        : round.kind === 'poll'
          ? `, ${round.answeredCount} answered`
          : round.kind === 'wordcloud'
            ? `, ${round.submittedCount} words`
            : `, ${round.questions.filter((q) => q.duplicateOf === null).length} questions`;
  return `**${roundTitle(round)}**: ${phaseLabel(round.phase).toLowerCase()}${counts}.`;
}

/** `status`: the live session and its running round, for anyone in the class. */
export async function statusCommand(ctx: CommandContext): Promise<Reply[]> {
  const client = ctx.deps.stoaFor(ctx.who);
  const session = await liveSession(client, ctx.cls.id);
  if (!session) return text(ROUND_MESSAGES.noSession);
  const [round, unstarted] = await Promise.all([
    currentRound(client, session.id),
    unstartedRounds(client, session.id),
  ]);
  const started = new Date(session.startedAt).toISOString().slice(11, 16);
  const lines = [`Session: **${session.title}** (live since ${started} UTC).`];
  lines.push(round ? `Round: ${roundLine(round)}` : ROUND_MESSAGES.noRound);
  const saved = unstarted.filter((r) => r.kind === 'peer_instruction').length;
  if (saved > 0)
    lines.push(`${saved} saved question${saved === 1 ? '' : 's'}: type **pi** and pick one to start it.`);
  return text(lines.join('\n\n'));
}

/** `end` ends the running round; `end session` ends it and the session. Facilitators only. */
export async function endCommand(ctx: CommandContext): Promise<Reply[]> {
  if (!canFacilitate(ctx.cls.myRole)) return text(ROUND_MESSAGES.facilitatorsOnly);
  const wantsSession = /^session\b/i.test(ctx.args.trim());
  if (ctx.args.trim() && !wantsSession)
    return text('Type **end** to end the round, or **end session** to end the session.');
  const client = ctx.deps.stoaFor(ctx.who);
  const session = await liveSession(client, ctx.cls.id);
  if (!session) return text(ROUND_MESSAGES.noSession);
  const replies: Reply[] = [];
  try {
    const round = (await currentRound(client, session.id)) ?? (await postedUnstarted(client, session.id));
    if (round) {
      const event =
        round.phase === 'ready'
          ? { type: 'cancel' as const }
          : { type: 'advance' as const, to: 'ended' as const };
      const { view } = await client.call('sendRoundEvent', {
        params: { roundId: round.roundId },
        body: { event },
      });
      replies.push(...(await updateRoundCard(ctx, view)));
      replies.push({ type: 'text', text: `I ended the round ${roundTitle(view)}.` });
    } else if (!wantsSession) {
      return text(ROUND_MESSAGES.noRound);
    }
    if (wantsSession) {
      await client.call('endSession', { params: { sessionId: session.id }, body: {} });
      replies.push({
        type: 'text',
        text: `I ended the session **${session.title}**. Its rounds are summed up in the notes.`,
      });
    }
  } catch (err) {
    if (isRefusal(err)) return [...replies, ...text(describeFailure(err))];
    throw err;
  }
  return replies;
}

/** An unstarted round whose card is already in the chat (its start was refused): `end` cancels it. Saved questions have no card and stay. */
async function postedUnstarted(client: StoaClient, sessionId: string): Promise<RoundView | null> {
  for (const round of await unstartedRounds(client, sessionId)) {
    const card = await client
      .call('getRoundCard', { params: { roundId: round.roundId } })
      .catch((err: unknown) => {
        if (isRefusal(err)) return null;
        throw err;
      });
    if (card) return round;
  }
  return null;
}
