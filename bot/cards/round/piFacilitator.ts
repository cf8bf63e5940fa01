import type { Recommendation } from '../../../shared/contract/rounds/state';
import type { PiView } from '../../../shared/contract/rounds/viewSchemas';
import { paragraph, type CardAction, type CardElement } from '../adaptive';
import { caption, monospace } from '../elements';
import { distributionLines } from './bars';
import { pct } from './bars';
import { lowParticipation } from '../../../shared/contract/rounds/participation';
import { mayShowPrivate, roundAction, type CardParts, type Render } from './frame';
import { optionList, progress, resultsSection } from './piParts';

/** Groups listed by name on the facilitator's card; the rest are counted, to keep the card small. */
const GROUPS_SHOWN = 12;

const ADVICE: Record<Recommendation, string> = {
  reteach: 'Re-teach: few got it right. Explain the idea again, then let them vote again.',
  discuss: 'Discuss: the class is split. Peer discussion helps most here.',
  explain_and_move_on: 'Explain and move on: most got it right. A short explanation is enough.',
};

/**
 * The facilitator's view: counts, the gating advice and the controls; the correct answer, the live
 * distribution, the share correct and the groups only after the reveal or when they asked for private
 * details, because this card is on the lecturer's shared screen.
 */
export function piFacilitatorParts(view: PiView, r: Render): CardParts {
  const open = mayShowPrivate(r);
  const body: CardElement[] = [paragraph(`**${view.question}**`), optionList(view, open)];
  const actions: CardAction[] = [];
  const eligible = view.results?.participation.eligible ?? null;
  const end = roundAction(
    r,
    'End round',
    'advance',
    { to: 'ended' },
    { style: 'destructive', inputs: 'none' },
  );
  const go = (title: string, to: string, positive = false) =>
    roundAction(r, title, 'advance', { to }, { inputs: 'none', ...(positive ? { style: 'positive' } : {}) });
  const live = () =>
    !view.results || view.answeredCount === 0
      ? []
      : open
        ? [monospace(distributionLines(view.results))]
        : [caption('Live results stay hidden until you reveal them.')];

  switch (view.phase) {
    case 'ready':
      actions.push(roundAction(r, 'Cancel', 'cancel', {}, { inputs: 'none' }));
      break;
    case 'answering':
      body.push(progress(view.answeredCount, 'answered', view, eligible), ...live());
      actions.push(
        roundAction(r, 'Close answering', 'closePhase', {}, { style: 'positive', inputs: 'none' }),
        end,
      );
      break;
    case 'gate': {
      const g = view.gating;
      body.push(caption(`${view.answeredCount} answered`), ...live());
      if (g) {
        body.push(
          paragraph(`**${ADVICE[g.recommendation]}**${open ? ` (${pct(g.shareCorrect)} correct)` : ''}`),
        );
        if (open) body.push(caption(g.reason));
        const low = lowParticipation(g.answered, eligible ?? view.students?.length ?? null);
        if (low)
          body.push(
            paragraph(
              `⚠ Only ${low.answered} of ${low.eligible} students answered: the advice rests on few votes.`,
            ),
          );
      }
      actions.push(
        go('Start discussion', 'discussion', g?.recommendation === 'discuss'),
        go('Re-vote now', 'revote', g?.recommendation === 'reteach'),
        go('Reveal', 'revealed', g?.recommendation === 'explain_and_move_on'),
        end,
      );
      break;
    }
    case 'discussion':
      body.push(...groupList(view, open));
      if (view.deadline !== null) body.push(progress(view.answeredCount, 'answered', view, eligible));
      actions.push(go('Open re-vote', 'revote', true), go('Reveal', 'revealed'), end);
      break;
    case 'revote':
      body.push(progress(view.revotedCount, 're-voted', view, eligible), ...live());
      actions.push(
        roundAction(r, 'Close re-vote', 'closePhase', {}, { style: 'positive', inputs: 'none' }),
        go('Reveal', 'revealed'),
        end,
      );
      break;
    case 'revealed':
      body.push(...resultsSection(view));
      actions.push(end);
      break;
    case 'ended':
      body.push(...resultsSection(view));
      break;
    case 'cancelled':
      body.push(caption('This round was cancelled.'));
      break;
    default:
      break;
  }
  return { body, actions };
}

function groupList(view: PiView, open: boolean): CardElement[] {
  const groups = view.groups ?? [];
  if (groups.length === 0) return [caption('No discussion groups: nobody answered.')];
  if (!open) return [caption(`${groups.length} discussion groups; each student sees their own partners.`)];
  const lines = groups
    .slice(0, GROUPS_SHOWN)
    .map((g, i) => `${i + 1}. ${g.members.map((m) => m.name || 'someone').join(', ')}`);
  if (groups.length > GROUPS_SHOWN) lines.push(`… and ${groups.length - GROUPS_SHOWN} more groups`);
  return [
    caption(`${groups.length} discussion groups; each student sees their own partners.`),
    paragraph(lines.join('\n\n')),
  ];
}
