import { z } from 'zod';
import type { ClassId, SessionId } from '../ids';
import type { RoundId } from './ids';
import { ROUND_LIMITS } from './limits';
import { DEFAULT_MUDDY_PROMPT } from './prompts';
import {
  MuddySettingsSchema,
  PiSettingsSchema,
  PollSettingsSchema,
  QuestionRoundSettingsSchema,
  WordcloudSettingsSchema,
} from './settings';
import type { RoundState } from './state';

const text = (max: number) => z.string().trim().min(1).max(max);

export { DEFAULT_MUDDY_PROMPT };

export const PiCreateSchema = z
  .object({
    kind: z.literal('peer_instruction'),
    question: text(ROUND_LIMITS.questionTextMax),
    options: z
      .array(text(ROUND_LIMITS.optionTextMax))
      .min(ROUND_LIMITS.optionsMin)
      .max(ROUND_LIMITS.optionsMax),
    /** Omit (or null) for an opinion question. */
    correctOption: z.int().min(0).nullable().default(null),
    settings: PiSettingsSchema.prefault({}),
  })
  .strict()
  .refine((v) => v.correctOption === null || v.correctOption < v.options.length, {
    message: 'correctOption must index one of the options',
    path: ['correctOption'],
  });

export const QuestionRoundCreateSchema = z
  .object({
    kind: z.literal('question_round'),
    topic: text(ROUND_LIMITS.topicMax),
    settings: QuestionRoundSettingsSchema.prefault({}),
  })
  .strict();

export const MuddyCreateSchema = z
  .object({
    kind: z.literal('muddiest_point'),
    prompt: text(ROUND_LIMITS.questionTextMax).default(DEFAULT_MUDDY_PROMPT),
    settings: MuddySettingsSchema.prefault({}),
  })
  .strict();

/** A quick poll: multiple choice (`options`) or a 1-5 / 1-10 scale (`scale`), never both. */
export const PollCreateSchema = z
  .object({
    kind: z.literal('poll'),
    question: text(ROUND_LIMITS.questionTextMax),
    options: z.array(text(ROUND_LIMITS.optionTextMax)).max(ROUND_LIMITS.pollOptionsMax).default([]),
    scale: z
      .union([z.literal(5), z.literal(10)])
      .nullable()
      .default(null),
    settings: PollSettingsSchema.prefault({}),
  })
  .strict()
  .refine((v) => (v.scale === null ? v.options.length >= ROUND_LIMITS.optionsMin : v.options.length === 0), {
    message: `Give either ${ROUND_LIMITS.optionsMin} to ${ROUND_LIMITS.pollOptionsMax} options or a scale (5 or 10)`,
    path: ['options'],
  });

export const WordcloudCreateSchema = z
  .object({
    kind: z.literal('wordcloud'),
    prompt: text(ROUND_LIMITS.questionTextMax),
    settings: WordcloudSettingsSchema.prefault({}),
  })
  .strict();

/** A new round as a facilitator describes it; settings default to the evidence-based values. */
export const RoundCreateSchema = z
  .discriminatedUnion('kind', [
    PiCreateSchema,
    QuestionRoundCreateSchema,
    MuddyCreateSchema,
    PollCreateSchema,
    WordcloudCreateSchema,
  ])
  .meta({ id: 'RoundCreate' });
export type RoundCreate = z.output<typeof RoundCreateSchema>;
export type RoundCreateInput = z.input<typeof RoundCreateSchema>;

/** Where a new round belongs and who made it, supplied by the service. */
export interface RoundOrigin {
  id: RoundId;
  sessionId: SessionId;
  classId: ClassId;
  createdBy: string;
  now: number;
}

/** The state of a freshly created round, in phase `ready` until a facilitator starts it. */
export function createRound(input: RoundCreate, origin: RoundOrigin): RoundState {
  const base = {
    id: origin.id,
    sessionId: origin.sessionId,
    classId: origin.classId,
    createdBy: origin.createdBy,
    createdAt: origin.now,
    phase: 'ready' as const,
    phaseStartedAt: origin.now,
    deadline: null,
    phaseLog: [{ phase: 'ready' as const, at: origin.now }],
    roster: [],
    eligibleCount: null,
    writtenBack: false,
  };
  switch (input.kind) {
    case 'peer_instruction':
      return {
        ...base,
        kind: 'peer_instruction',
        question: input.question,
        options: input.options,
        correctOption: input.correctOption,
        settings: input.settings,
        answers: [],
        revotes: [],
        gating: null,
        groups: null,
      };
    case 'question_round':
      return {
        ...base,
        kind: 'question_round',
        topic: input.topic,
        settings: input.settings,
        questions: [],
        answers: [],
      };
    case 'muddiest_point':
      return { ...base, kind: 'muddiest_point', prompt: input.prompt, settings: input.settings, points: [] };
    case 'poll':
      return {
        ...base,
        kind: 'poll',
        question: input.question,
        options:
          input.scale === null ? input.options : Array.from({ length: input.scale }, (_, i) => String(i + 1)),
        scale: input.scale,
        settings: input.settings,
        answers: [],
      };
    case 'wordcloud':
      return { ...base, kind: 'wordcloud', prompt: input.prompt, settings: input.settings, entries: [] };
  }
}
