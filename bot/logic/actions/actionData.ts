import { z } from 'zod';
import { ROUND_LIMITS } from '../../../shared/contract/rounds/limits';
import { RoundPhaseSchema } from '../../../shared/contract/rounds/phases';
import { ConfidenceSchema } from '../../../shared/contract/rounds/state';

/**
 * What a round card's buttons send. Teams merges every input of the card into `data` (as strings), so the
 * schemas are loose and coerce; anything else a client sends is refused as a bad card.
 */
const id = z.string().trim().min(1).max(64);
const round = { roundId: id, phase: RoundPhaseSchema };
const bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const text = (max: number) => z.string().trim().min(1).max(max);

export const ACTION_SCHEMAS = {
  /** `details`: a facilitator's "Show/Hide private details" (their own view only). */
  refresh: z.looseObject({ roundId: id, details: z.enum(['show', 'hide']).optional() }),
  join: z.looseObject(round),
  answer: z.looseObject({
    ...round,
    option: int(0, ROUND_LIMITS.optionsMax - 1),
    confidence: ConfidenceSchema,
  }),
  revote: z.looseObject({
    ...round,
    option: int(0, ROUND_LIMITS.optionsMax - 1),
    confidence: ConfidenceSchema,
  }),
  closePhase: z.looseObject(round),
  advance: z.looseObject({ ...round, to: RoundPhaseSchema }),
  cancel: z.looseObject(round),
  ask: z.looseObject({
    ...round,
    questionText: text(ROUND_LIMITS.questionTextMax),
    anonymous: bool.optional(),
  }),
  vote: z.looseObject({
    ...round,
    questionId: id,
    value: z.coerce.number().pipe(z.union([z.literal(1), z.literal(0), z.literal(-1)])),
  }),
  answerQuestion: z.looseObject({ ...round, questionId: id }),
  rate: z.looseObject({
    ...round,
    answerId: id,
    value: z.coerce.number().pipe(z.union([z.literal(1), z.literal(-1)])),
  }),
  endorse: z.looseObject({ ...round, answerId: id, endorsed: bool.default(true) }),
  submitMuddy: z.looseObject({
    ...round,
    muddyText: text(ROUND_LIMITS.muddyTextMax),
    anonymous: bool.optional(),
  }),
  pollAnswer: z.looseObject({ ...round, pollOption: int(0, ROUND_LIMITS.pollOptionsMax - 1) }),
  submitWord: z.looseObject({ ...round, wordText: text(ROUND_LIMITS.wordcloudTextMax) }),
  moderateWord: z.looseObject({ ...round, entryId: id, visible: bool }),
  composeView: z.looseObject({ classId: id }),
  composePi: z.looseObject({ classId: id }),
  composeSaved: z.looseObject({ classId: id, roundId: id }),
  /** The questions card (the always-on backstage): a page of it, and a vote on one question. */
  backstagePage: z.looseObject({ sessionId: id, offset: int(0, 100_000).default(0) }),
  backstageVote: z.looseObject({
    sessionId: id,
    questionId: z.string().regex(/^bq_[A-Za-z0-9_-]{6,40}$/),
    value: z.coerce.number().pipe(z.union([z.literal(1), z.literal(0)])),
    offset: int(0, 100_000).default(0),
  }),
} as const;

export type Verb = keyof typeof ACTION_SCHEMAS;
/** A parsed card action, discriminated on its verb. */
export type CardAction = { [V in Verb]: { verb: V; data: z.output<(typeof ACTION_SCHEMAS)[V]> } }[Verb];

/** Verbs only facilitators use; they are checked against the card's phase before anything is sent. */
export const FACILITATOR_VERBS = new Set<Verb>([
  'closePhase',
  'advance',
  'cancel',
  'endorse',
  'moderateWord',
]);

/** Parses an invoke's verb and data; null when the card did not come from Stoa or its data is broken. */
export function parseCardAction(verb: unknown, data: unknown): CardAction | null {
  if (typeof verb !== 'string' || !Object.hasOwn(ACTION_SCHEMAS, verb)) return null;
  const v = verb as Verb;
  const parsed = ACTION_SCHEMAS[v].safeParse(data ?? {});
  return parsed.success ? ({ verb: v, data: parsed.data } as CardAction) : null;
}

/** Which input failed: for a form that Teams sent with a field missing or too long. */
export function actionProblem(verb: unknown, data: unknown): string | null {
  if (typeof verb !== 'string' || !Object.hasOwn(ACTION_SCHEMAS, verb)) return null;
  const parsed = ACTION_SCHEMAS[verb as Verb].safeParse(data ?? {});
  if (parsed.success) return null;
  return parsed.error.issues.map((i) => i.path.join('.')).join(', ') || null;
}
