import { ROUND_LIMITS } from '../../../shared/contract/rounds/limits';
import type { MuddyView } from '../../../shared/contract/rounds/viewSchemas';
import { paragraph, type CardAction, type CardElement } from '../adaptive';
import { actionSet, caption, localTime, textInput, toggle } from '../elements';
import { roundAction, type CardParts, type Render } from './frame';

/** Clusters listed on the facilitator's card, most named first. */
const CLUSTERS_SHOWN = 10;

/** A muddiest-point card: students name what was least clear; the facilitator sees the grouped list. */
export function muddyParts(view: MuddyView, r: Render): CardParts {
  const body: CardElement[] = [paragraph(`**${view.prompt}**`)];
  const actions: CardAction[] = [];
  const count = [`${view.submittedCount} submitted`];
  if (view.deadline !== null && view.phase === 'collecting')
    count.push(`closes at ${localTime(view.deadline)}`);

  if (r.facilitator) {
    body.push(caption(count.join(' · ')), ...clusterList(view));
    if (view.phase === 'collecting')
      actions.push(
        roundAction(r, 'End round', 'advance', { to: 'ended' }, { style: 'destructive', inputs: 'none' }),
      );
    return { body, actions };
  }
  if (view.phase === 'collecting') {
    if (view.mine) {
      body.push(
        paragraph(`You said: _${view.mine.text}_`),
        caption('Thank you. Your lecturer sees a grouped list.'),
      );
    } else {
      body.push(
        textInput('muddyText', {
          label: 'What was least clear?',
          placeholder: 'One thing that is still muddy',
          maxLength: ROUND_LIMITS.muddyTextMax,
          multiline: true,
          required: 'Write what was least clear first.',
        }),
      );
      if (view.allowAnonymous) body.push(toggle('anonymous', 'Anonymous', true));
      body.push(actionSet([roundAction(r, 'Send', 'submitMuddy', {}, { style: 'positive' })]));
    }
    body.push(caption(count.join(' · ')));
  } else if (view.phase === 'ended') {
    if (view.mine) body.push(paragraph(`You said: _${view.mine.text}_`));
    body.push(caption(`${view.submittedCount} points were collected. Your lecturer will pick them up.`));
  } else if (view.phase === 'cancelled') {
    body.push(caption('This round was cancelled.'));
  }
  return { body, actions };
}

function clusterList(view: MuddyView): CardElement[] {
  const clusters = view.clusters ?? [];
  if (clusters.length === 0) return [caption('Nothing submitted yet.')];
  const lines = clusters.slice(0, CLUSTERS_SHOWN).map((c, i) => `${i + 1}. ${c.representative} (${c.count})`);
  if (clusters.length > CLUSTERS_SHOWN) lines.push(`… and ${clusters.length - CLUSTERS_SHOWN} more`);
  return [paragraph(lines.join('\n\n'))];
}
