import type { RoundPhase } from '../../../shared/contract/rounds/phases';
import type { RoundView } from '../../../shared/contract/rounds/viewSchemas';
import type { CardAction, CardElement } from '../adaptive';
import { execute, type ActionData } from '../elements';

/** How a round card is rendered: the shared card in the chat, or one person's own view of it. */
export interface Render {
  /** `shared`: the one card every member sees; `personal`: the view of `view.viewer`. */
  audience: 'shared' | 'personal';
  facilitator: boolean;
  /**
   * The facilitator asked for private details (anonymous authors, groups, live results, the correct
   * answer) in their own view. Off by default: lecturers share their screen, the card included.
   */
  privateDetails: boolean;
  roundId: string;
  phase: RoundPhase;
}

/** The render settings for a view. */
export function renderOf(view: RoundView, audience: Render['audience'], privateDetails = false): Render {
  const facilitator = audience === 'personal' && view.viewer.role === 'facilitator';
  return {
    audience,
    facilitator,
    privateDetails: facilitator && privateDetails,
    roundId: view.roundId,
    phase: view.phase,
  };
}

/**
 * A round action. Its data names the round and the phase the card showed, so an action from a card that
 * the round has since moved past is recognised as stale and changes nothing.
 */
export function roundAction(
  r: Render,
  title: string,
  verb: string,
  data: ActionData = {},
  opts: Parameters<typeof execute>[3] = {},
): CardAction {
  return execute(title, verb, { roundId: r.roundId, phase: r.phase, ...data }, opts);
}

/** Whether a facilitator's card may show what the class has not seen yet: after the reveal, or when asked. */
export function mayShowPrivate(r: Render): boolean {
  return r.privateDetails || r.phase === 'revealed' || r.phase === 'ended';
}

/** The body and buttons a round kind contributes to its card. */
export interface CardParts {
  body: CardElement[];
  actions: CardAction[];
}

const PHASE_LABELS: Record<RoundPhase, string> = {
  ready: 'Not started yet',
  answering: 'Answering',
  gate: 'Answers are in',
  discussion: 'Discussion',
  revote: 'Re-vote',
  revealed: 'Results',
  asking: 'Asking',
  collecting: 'Collecting',
  ended: 'Ended',
  cancelled: 'Cancelled',
};

/** The phase as people say it. */
export function phaseLabel(phase: RoundPhase): string {
  return PHASE_LABELS[phase];
}
