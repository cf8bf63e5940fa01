import type { RoundView } from '../../../shared/contract/rounds/viewSchemas';
import { adaptiveCard, heading, type AdaptiveCard, type CardElement } from '../adaptive';
import { caption, execute, notice } from '../elements';
import { phaseLabel, renderOf, type CardParts } from './frame';
import { muddyParts } from './muddyCard';
import { piParts } from './piCard';
import { publicView } from './publicView';
import { questionParts } from './questionCard';
import { pollParts, wordcloudParts } from './quickCards';

/** The verb Teams calls to fetch a person's own view of a round card. */
export const REFRESH_VERB = 'refresh';

export interface RoundCardOptions {
  /** `shared`: the one card in the chat (built from the public part of the view); `personal`: the viewer's own. */
  audience: 'shared' | 'personal';
  /** Teams ids (MRI) of the people whose client refreshes the card to their own view automatically. */
  refreshUserIds: string[];
  /** Large conversations: Teams refreshes at most 60 people, so the shared card offers a button. */
  showMyView: boolean;
  /** A short line at the top: why an action changed nothing, or that the card was out of date. */
  notice?: string;
  /** A facilitator's own view with private details shown (they pressed "Show private details"). */
  privateDetails?: boolean;
}

/** The data of the facilitator's "Show/Hide private details" button (verb `refresh`). */
export const PRIVATE_DETAILS = { show: 'show', hide: 'hide' } as const;

/** The title of a round card. */
export function roundTitle(view: RoundView): string {
  switch (view.kind) {
    case 'peer_instruction':
      return 'Peer Instruction';
    case 'question_round':
      return `Question round: ${view.topic}`;
    case 'muddiest_point':
      return 'Muddiest point';
    case 'poll':
      return 'Poll';
    case 'wordcloud':
      return 'Word cloud';
  }
}

function partsOf(view: RoundView, opts: RoundCardOptions): CardParts {
  const r = renderOf(view, opts.audience, opts.privateDetails ?? false);
  switch (view.kind) {
    case 'peer_instruction':
      return piParts(view, r, opts.showMyView);
    case 'question_round':
      return questionParts(view, r, opts.showMyView);
    case 'muddiest_point':
      return muddyParts(view, r);
    case 'poll':
      return pollParts(view, r);
    case 'wordcloud':
      return wordcloudParts(view, r);
  }
}

/**
 * The card of a round. One is posted per round and updated in place; Teams then asks the bot for each
 * listed person's own view (`refresh`), which is the same card rendered `personal`.
 */
export function roundCard(input: RoundView, opts: RoundCardOptions): AdaptiveCard {
  const view = opts.audience === 'shared' ? publicView(input) : input;
  const parts = partsOf(view, opts);
  const facilitator = opts.audience === 'personal' && view.viewer.role === 'facilitator';
  const top: CardElement[] = [];
  if (opts.notice) top.push(notice(opts.notice));
  top.push(heading(roundTitle(view)));
  top.push(caption(`${phaseLabel(view.phase)}${facilitator ? ' · your facilitator view' : ''}`));
  const refreshAction = execute('Refresh', REFRESH_VERB, { roundId: view.roundId });
  const actions = [...parts.actions];
  if (opts.audience === 'shared' && opts.showMyView)
    actions.push(execute('Show my view', REFRESH_VERB, { roundId: view.roundId }, { inputs: 'none' }));
  if (facilitator) {
    actions.push(execute('Refresh', REFRESH_VERB, { roundId: view.roundId }, { inputs: 'none' }));
    // Answered to this facilitator alone; the next automatic refresh hides the details again.
    actions.push(
      opts.privateDetails
        ? execute(
            'Hide private details',
            REFRESH_VERB,
            { roundId: view.roundId, details: PRIVATE_DETAILS.hide },
            { inputs: 'none' },
          )
        : execute(
            'Show private details',
            REFRESH_VERB,
            { roundId: view.roundId, details: PRIVATE_DETAILS.show },
            { inputs: 'none' },
          ),
    );
  }
  const card = adaptiveCard([...top, ...parts.body], actions);
  card.refresh = { action: refreshAction, userIds: opts.refreshUserIds };
  card.msteams = { width: 'Full' };
  return card;
}
