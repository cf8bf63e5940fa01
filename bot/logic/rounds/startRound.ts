import type { Class } from '../../../shared/contract/classes';
import type { RoundCreateInput } from '../../../shared/contract/rounds/create';
import type { RoundView } from '../../../shared/contract/rounds/viewSchemas';
import type { AdaptiveCard } from '../../cards/adaptive';
import { roundCard, roundTitle } from '../../cards/round/roundCard';
import type { AfterCard, Reply, Turn } from '../types';
import { planRefresh, type RefreshPlan } from './refreshPlan';
import { describeFailure, isRefusal, ROUND_MESSAGES } from './roundMessages';
import { currentRound, ensureLiveSession, unstartedRounds } from './session';

/** The roster is sent when Teams lists the conversation in one page; beyond that only counts matter. */
const ROSTER_PAGE = 500;

export type StartOutcome =
  | {
      ok: true;
      replies: Reply[];
      /** The starter's own view, once the replies went out (the round starts after its card is recorded). */
      personal(): AdaptiveCard;
    }
  | { ok: false; message: string };

/**
 * Starts a round from the chat: the live session (opened when there is none), one round at a time, the
 * Teams members as roster. The round is created first, its card posted (or put in place of the compose
 * card) and recorded, and only then started: the service's "phase changed" notification can then never
 * arrive before the bot knows where the card is, which would post a second card.
 */
export async function startRoundFromChat(
  turn: Turn,
  cls: Class,
  round: RoundCreateInput | { saved: string },
  opts: { replaceActivityId?: string } = {},
): Promise<StartOutcome> {
  const client = turn.deps.stoaFor(turn.who);
  const { session, created } = await ensureLiveSession(client, cls.id, turn.deps.now());
  if (!created) {
    const running = await currentRound(client, session.id);
    if (running) return { ok: false, message: ROUND_MESSAGES.roundRunning(roundTitle(running)) };
  }
  const saved = 'saved' in round ? await savedRound(turn, session.id, round.saved) : null;
  if (saved && 'message' in saved) return { ok: false, message: saved.message };
  const listed = await turn.port.members(ROSTER_PAGE);
  const roster = listed.more
    ? undefined
    : listed.members
        .filter((m) => m.userId !== turn.who.userId)
        .map((m) => ({ userId: m.userId, name: m.name }));
  const ready =
    saved ??
    (await client.call('startRound', {
      params: { sessionId: session.id },
      body: { round: round as RoundCreateInput, start: false },
    }));
  const plan = planRefresh({ members: listed.members, more: listed.more, first: turn.mri ? [turn.mri] : [] });
  const shared = (view: RoundView, p: RefreshPlan) =>
    roundCard(view, { audience: 'shared', refreshUserIds: p.userIds, showMyView: p.showMyView });

  let started: RoundView = ready;
  const start: AfterCard = async (where) => {
    try {
      ({ view: started } = await client.call('sendRoundEvent', {
        params: { roundId: ready.roundId },
        body: { event: { type: 'start', ...(roster ? { roster, eligibleCount: roster.length } : {}) } },
      }));
    } catch (err) {
      // The card stays as "not started yet"; the facilitator can try again or `end` (which cancels it).
      if (isRefusal(err)) return [{ type: 'text', text: describeFailure(err) }];
      throw err;
    }
    return [{ type: 'updateCard', ...where, card: shared(started, plan) }];
  };
  const replies: Reply[] = [];
  if (created)
    replies.push({ type: 'text', text: `I opened the session **${session.title}** for today's rounds.` });
  replies.push(
    opts.replaceActivityId
      ? {
          type: 'updateCard',
          activityId: opts.replaceActivityId,
          card: shared(ready, plan),
          recordRound: { roundId: ready.roundId, recordAs: turn.who, then: start },
        }
      : {
          type: 'roundCard',
          roundId: ready.roundId,
          card: shared(ready, plan),
          summary: `${roundTitle(ready)} started`,
          recordAs: turn.who,
          then: start,
        },
  );
  return {
    ok: true,
    replies,
    personal: () =>
      roundCard(started, {
        audience: 'personal',
        refreshUserIds: turn.mri ? [turn.mri] : [],
        showMyView: false,
      }),
  };
}

/** A saved question of the live session, still unstarted; anything else is a stale form. */
async function savedRound(
  turn: Turn,
  sessionId: string,
  roundId: string,
): Promise<RoundView | { message: string }> {
  const saved = (await unstartedRounds(turn.deps.stoaFor(turn.who), sessionId)).find(
    (r) => r.roundId === roundId,
  );
  return saved ?? { message: ROUND_MESSAGES.savedGone };
}
