import type { Actor, RoundEventInput } from '../events';
import type { RoundKind, RoundPhase } from '../phases';
import type { RoundState } from '../state';
import { buildRound, drive, facilitator, student } from './factories';

/** A round of `kind` driven into `phase` with a little content, and the clock after the last step. */
export interface PhaseState {
  state: RoundState;
  now: number;
}

const s = student;
type Steps = [RoundEventInput, Actor][];

const PI: Partial<Record<RoundPhase, Steps>> = {
  ready: [],
  answering: [
    [{ type: 'start' }, facilitator],
    [{ type: 'answer', option: 0, confidence: 'low' }, s(1)],
    [{ type: 'answer', option: 1, confidence: 'high' }, s(2)],
  ],
};
PI.gate = [...(PI.answering ?? []), [{ type: 'closePhase', phase: 'answering' }, facilitator]];
PI.discussion = [...PI.gate, [{ type: 'advance', to: 'discussion' }, facilitator]];
PI.revote = [
  ...PI.discussion,
  [{ type: 'closePhase', phase: 'discussion' }, facilitator],
  [{ type: 'revote', option: 1, confidence: 'medium' }, s(1)],
];
PI.revealed = [...PI.revote, [{ type: 'closePhase', phase: 'revote' }, facilitator]];
PI.ended = [...PI.revealed, [{ type: 'advance' }, facilitator]];
PI.cancelled = [...(PI.answering ?? []), [{ type: 'cancel' }, facilitator]];

const QR: Partial<Record<RoundPhase, Steps>> = {
  ready: [],
  asking: [
    [{ type: 'start' }, facilitator],
    [{ type: 'ask', text: 'How does paging work?' }, s(1)],
    [{ type: 'join' }, s(2)],
    [{ type: 'join' }, s(3)],
  ],
};
QR.answering = [
  ...(QR.asking ?? []),
  [{ type: 'closePhase', phase: 'asking' }, facilitator],
  [{ type: 'answerQuestion', questionId: 'q1', text: 'Pages map to frames.' }, facilitator],
];
QR.ended = [...QR.answering, [{ type: 'advance' }, facilitator]];
QR.cancelled = [...(QR.asking ?? []), [{ type: 'cancel' }, facilitator]];

const MP: Partial<Record<RoundPhase, Steps>> = {
  ready: [],
  collecting: [
    [{ type: 'start' }, facilitator],
    [{ type: 'submitMuddy', text: 'Page tables' }, s(1)],
  ],
};
MP.ended = [...(MP.collecting ?? []), [{ type: 'advance' }, facilitator]];
MP.cancelled = [...(MP.collecting ?? []), [{ type: 'cancel' }, facilitator]];

const PO: Partial<Record<RoundPhase, Steps>> = {
  ready: [],
  answering: [
    [{ type: 'start' }, facilitator],
    [{ type: 'pollAnswer', option: 0 }, s(1)],
  ],
};
PO.gate = [...(PO.answering ?? []), [{ type: 'closePhase', phase: 'answering' }, facilitator]];
PO.revealed = [...PO.gate, [{ type: 'advance' }, facilitator]];
PO.ended = [...PO.revealed, [{ type: 'advance' }, facilitator]];
PO.cancelled = [...(PO.answering ?? []), [{ type: 'cancel' }, facilitator]];

const WC: Partial<Record<RoundPhase, Steps>> = {
  ready: [],
  collecting: [
    [{ type: 'start' }, facilitator],
    [{ type: 'submitWord', text: 'Paging' }, s(1)],
  ],
};
WC.gate = [...(WC.collecting ?? []), [{ type: 'closePhase', phase: 'collecting' }, facilitator]];
WC.revealed = [...WC.gate, [{ type: 'advance' }, facilitator]];
WC.ended = [...WC.revealed, [{ type: 'advance' }, facilitator]];
WC.cancelled = [...(WC.collecting ?? []), [{ type: 'cancel' }, facilitator]];

const STEPS: Record<RoundKind, Partial<Record<RoundPhase, Steps>>> = {
  peer_instruction: PI,
  question_round: QR,
  muddiest_point: MP,
  poll: PO,
  wordcloud: WC,
};

/** Every phase a round of `kind` can be in, cancelled included. */
export function phasesOf(kind: RoundKind): RoundPhase[] {
  return Object.keys(STEPS[kind]) as RoundPhase[];
}

/** A round of `kind` in `phase`. In a question round's answering phase q1 (by student 1) is assigned to students 2 and 3 and has answer a1 by the facilitator. */
export function roundIn(kind: RoundKind, phase: RoundPhase): PhaseState {
  const steps = STEPS[kind][phase];
  if (!steps) throw new Error(`no steps for ${kind}/${phase}`);
  const { state, now } = drive(buildRound(kind), steps);
  if (state.phase !== phase) throw new Error(`drove ${kind} to ${state.phase}, wanted ${phase}`);
  return { state, now };
}
