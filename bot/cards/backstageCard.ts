import type { BackstagePage, BackstageQuestionView } from '../../shared/contract/backstage/schemas';
import { adaptiveCard, heading, paragraph, type AdaptiveCard, type CardElement } from './adaptive';
import { actionSet, execute, notice } from './elements';

/** Questions per page: a phone screen's worth, each with its vote button. */
export const BACKSTAGE_PAGE_SIZE = 8;

/** Verbs of the questions card's buttons (see `ACTION_SCHEMAS`). */
export const BACKSTAGE_VERBS = { page: 'backstagePage', vote: 'backstageVote' } as const;

/** Who wrote a question, as this viewer may see it: an anonymous author is never named, not even by role. */
function byline(q: BackstageQuestionView): string {
  const who = q.mine ? 'you' : q.anonymous || !q.authorName ? 'anonymous' : q.authorName;
  const flags = [q.pinned ? 'pinned' : null, q.answered ? 'answered' : null].filter(Boolean).join(', ');
  const votes = q.up === 1 ? '1 vote' : `${q.up} votes`;
  return `${votes} · asked by ${who}${flags ? ` · ${flags}` : ''}`;
}

function questionBlock(
  q: BackstageQuestionView,
  rank: number,
  sessionId: string,
  offset: number,
): CardElement {
  const items: CardElement[] = [paragraph(`**${rank}.** ${q.text}`), paragraph(byline(q), { subtle: true })];
  // One's own question takes no vote (the service refuses it); a vote already given can be taken back.
  if (!q.mine)
    items.push(
      actionSet([
        execute(
          q.myVote === 1 ? `Remove vote #${rank}` : `Upvote #${rank}`,
          BACKSTAGE_VERBS.vote,
          { sessionId, questionId: q.id, value: q.myVote === 1 ? 0 : 1, offset },
          { inputs: 'none' },
        ),
      ]),
    );
  return { type: 'Container', separator: true, items };
}

/**
 * The lecture's always-on questions for one person: one page, ranked as the service ranks them (pinned
 * first, answered last), with vote and paging buttons that answer with this same card for the invoker.
 * It refreshes for `refreshUserIds` alone (the person who asked for it), so nobody sees another's votes.
 */
export function backstageCard(
  given: BackstagePage,
  opts: {
    sessionId: string;
    sessionTitle: string;
    refreshUserIds: string[];
    /** `shared`: the card as posted in the chat, which everyone sees until it refreshes: nothing of the asker's own. */
    audience: 'shared' | 'personal';
    notice?: string;
  },
): AdaptiveCard {
  const { sessionId } = opts;
  const page: BackstagePage =
    opts.audience === 'personal'
      ? given
      : {
          ...given,
          items: given.items.map((q) => ({ ...q, mine: false, myVote: 0, assignedToMe: false })),
          pending: [],
        };
  const body: CardElement[] = [heading(`Questions: ${opts.sessionTitle}`)];
  if (opts.notice) body.push(notice(opts.notice));
  if (page.total === 0)
    body.push(paragraph('No questions yet. Ask one with **ask** followed by your question.'));
  else {
    const last = page.offset + page.items.length;
    body.push(paragraph(`Questions ${page.offset + 1}-${last} of ${page.total}`, { subtle: true }));
    page.items.forEach((q, i) => body.push(questionBlock(q, page.offset + i + 1, sessionId, page.offset)));
  }
  if (page.pending.length > 0)
    body.push(
      paragraph(
        `${page.pending.length} waiting for a facilitator's approval (not shown to classmates yet).`,
        { subtle: true },
      ),
    );
  const paging = [];
  if (page.offset > 0)
    paging.push(
      execute(
        'Previous',
        BACKSTAGE_VERBS.page,
        { sessionId, offset: Math.max(0, page.offset - BACKSTAGE_PAGE_SIZE) },
        { inputs: 'none' },
      ),
    );
  if (page.nextOffset !== null)
    paging.push(
      execute('Next', BACKSTAGE_VERBS.page, { sessionId, offset: page.nextOffset }, { inputs: 'none' }),
    );
  paging.push(
    execute('Refresh', BACKSTAGE_VERBS.page, { sessionId, offset: page.offset }, { inputs: 'none' }),
  );
  const card = adaptiveCard(body, paging);
  card.refresh = {
    action: execute('Refresh', BACKSTAGE_VERBS.page, { sessionId, offset: page.offset }),
    userIds: opts.refreshUserIds,
  };
  return card;
}
