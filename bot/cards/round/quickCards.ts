import { ROUND_LIMITS } from '../../../shared/contract/rounds/limits';
import type { PollView, WordcloudView } from '../../../shared/contract/rounds/viewSchemas';
import { paragraph, type CardAction, type CardElement } from '../adaptive';
import { actionSet, caption, choiceSet, localTime, monospace, section, textInput } from '../elements';
import { bar, pct } from './bars';
import { roundAction, type CardParts, type Render } from './frame';

/** Words listed on a card: a card cannot draw a cloud, so the top words as text. */
const WORDS_SHOWN = 15;
/** Held entries listed for approval on the facilitator's card; the rest wait in the tab. */
const HELD_SHOWN = 8;

/** The facilitator's buttons for a poll or word cloud: close answers, reveal, end. */
function controls(r: Render, phase: string, open: string): CardAction[] {
  const go = (title: string, to: string, positive = false) =>
    roundAction(r, title, 'advance', { to }, { inputs: 'none', ...(positive ? { style: 'positive' } : {}) });
  const end = roundAction(
    r,
    'End round',
    'advance',
    { to: 'ended' },
    { style: 'destructive', inputs: 'none' },
  );
  if (phase === 'ready') return [roundAction(r, 'Cancel', 'cancel', {}, { inputs: 'none' })];
  if (phase === open) return [go('Close answers', 'gate', true), go('Reveal results', 'revealed'), end];
  if (phase === 'gate') return [go('Reveal results', 'revealed', true), end];
  if (phase === 'revealed') return [end];
  return [];
}

function counted(count: number, noun: string, deadline: number | null, open: boolean): CardElement {
  const parts = [`${count} ${noun}`];
  if (open && deadline !== null) parts.push(`closes at ${localTime(deadline)}`);
  return caption(parts.join(' · '));
}

/** One line per option: bar, share and count; a scale poll adds its mean. */
function pollResultLines(view: PollView): CardElement[] {
  const r = view.results;
  if (!r) return [];
  const width = Math.max(...view.options.map((o) => o.length), 1);
  const lines = view.options.map((o, i) => {
    const n = r.counts[i] ?? 0;
    const share = r.answered === 0 ? 0 : n / r.answered;
    return `${o.slice(0, 24).padEnd(Math.min(width, 24))} ${bar(share)} ${pct(share).padStart(4)} (${n})`;
  });
  const out = [monospace(lines)];
  if (r.mean !== null) out.push(caption(`Mean ${r.mean.toFixed(1)} of ${view.scale}.`));
  return out;
}

/**
 * A quick poll card. Nobody sees the distribution while answers are open, the facilitator included (their
 * card is on a shared screen): only how many answered. Students see results after the reveal.
 */
export function pollParts(view: PollView, r: Render): CardParts {
  const body: CardElement[] = [paragraph(`**${view.question}**`)];
  const open = view.phase === 'answering';
  const options = () => paragraph(view.options.map((o) => `• ${o}`).join('\n\n'));
  if (r.facilitator) {
    body.push(options(), counted(view.answeredCount, 'answered', view.deadline, open));
    if (view.phase === 'gate') body.push(caption('Only you see these results until you reveal them.'));
    body.push(...pollResultLines(view));
    if (view.voters && view.voters.length > 0)
      body.push(
        caption(
          view.voters.map((v) => `${v.name || 'a student'}: ${view.options[v.option] ?? '?'}`).join(' · '),
        ),
      );
    return { body, actions: controls(r, view.phase, 'answering') };
  }
  const mine = view.myAnswer === null ? null : (view.options[view.myAnswer] ?? null);
  switch (view.phase) {
    case 'ready':
      body.push(options(), caption('The poll opens when your lecturer starts it.'));
      break;
    case 'answering':
      if (r.audience === 'personal' || !mine) {
        body.push(
          choiceSet(
            'pollOption',
            view.options.map((o, i) => ({ title: o, value: String(i) })),
            {
              expanded: true,
              ...(view.myAnswer !== null ? { value: String(view.myAnswer) } : {}),
              required: 'Pick an answer first.',
            },
          ),
          actionSet([
            roundAction(r, mine ? 'Change answer' : 'Send', 'pollAnswer', {}, { style: 'positive' }),
          ]),
        );
      }
      if (mine) body.push(paragraph(`Your answer: **${mine}**. You can change it until answers close.`));
      body.push(counted(view.answeredCount, 'answered', view.deadline, true));
      if (view.anonymous) body.push(caption('Anonymous: nobody sees what you chose.'));
      break;
    case 'gate':
      if (mine) body.push(paragraph(`Your answer: **${mine}**.`));
      body.push(caption('Answers are closed. The results appear when your lecturer shows them.'));
      break;
    case 'revealed':
    case 'ended':
      body.push(...pollResultLines(view));
      if (mine) body.push(paragraph(`Your answer: **${mine}**.`));
      break;
    case 'cancelled':
      body.push(caption('This poll was cancelled.'));
      break;
  }
  return { body, actions: [] };
}

function wordList(view: WordcloudView): CardElement[] {
  const words = view.cloud ?? [];
  if (words.length === 0) return [caption('No words yet.')];
  const shown = words.slice(0, WORDS_SHOWN).map((w, i) => `${i + 1}. **${w.label}** (${w.count})`);
  if (words.length > WORDS_SHOWN) shown.push(`… and ${words.length - WORDS_SHOWN} more`);
  return [paragraph(shown.join('\n\n'))];
}

const STATUS_NOTE = { visible: '', held: ' (waiting for your lecturer)', hidden: '' } as const;

/** A word cloud card: students add words; the facilitator approves held words and reveals the cloud. */
export function wordcloudParts(view: WordcloudView, r: Render): CardParts {
  const body: CardElement[] = [paragraph(`**${view.prompt}**`)];
  const open = view.phase === 'collecting';
  if (r.facilitator) {
    body.push(counted(view.submittedCount, 'words', view.deadline, open));
    const held = (view.entries ?? []).filter((e) => e.status === 'held');
    if (held.length > 0) {
      body.push(paragraph(`**Waiting for approval (${held.length})**: the word filter held these back.`));
      for (const e of held.slice(0, HELD_SHOWN))
        body.push(
          section([
            paragraph(e.text),
            actionSet([
              roundAction(r, 'Approve', 'moderateWord', { entryId: e.id, visible: true }, { inputs: 'none' }),
              roundAction(
                r,
                'Keep hidden',
                'moderateWord',
                { entryId: e.id, visible: false },
                { inputs: 'none' },
              ),
            ]),
          ]),
        );
      if (held.length > HELD_SHOWN) body.push(caption(`${held.length - HELD_SHOWN} more in the Stoa tab.`));
    }
    if (!open) {
      if (view.phase === 'gate') body.push(caption('Only you see the words until you reveal them.'));
      body.push(...wordList(view));
    }
    return { body, actions: controls(r, view.phase, 'collecting') };
  }
  const mine = view.mine ?? [];
  switch (view.phase) {
    case 'ready':
      body.push(caption('The word cloud opens when your lecturer starts it.'));
      break;
    case 'collecting': {
      if (mine.length > 0)
        body.push(
          paragraph(`Your words: ${mine.map((m) => `_${m.text}_${STATUS_NOTE[m.status]}`).join(', ')}`),
        );
      const left = view.entriesPerStudent - mine.length;
      if (r.audience === 'shared' || left > 0)
        body.push(
          textInput('wordText', {
            label: 'A word or a short phrase',
            maxLength: ROUND_LIMITS.wordcloudTextMax,
            required: 'Write a word first.',
          }),
          actionSet([roundAction(r, 'Add to the cloud', 'submitWord', {}, { style: 'positive' })]),
        );
      body.push(counted(view.submittedCount, 'words', view.deadline, true));
      break;
    }
    case 'gate':
      body.push(caption('The cloud is closed. It appears when your lecturer shows it.'));
      break;
    case 'revealed':
    case 'ended':
      body.push(...wordList(view));
      break;
    case 'cancelled':
      body.push(caption('This word cloud was cancelled.'));
      break;
  }
  return { body, actions: [] };
}
