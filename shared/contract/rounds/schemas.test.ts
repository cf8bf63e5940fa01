import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RoundAnalyticsSchema, SessionAnalyticsSchema } from './analyticsSchemas';
import { RoundCreateSchema } from './create';
import { RoundEffectSchema } from './effects';
import { ROUND_EVENT_TYPES, RoundEventSchema } from './events';
import { RoundStateSchema } from './state';
import { roundIn } from './test/phaseStates';
import { RoundViewSchema } from './viewSchemas';

const PUBLIC = {
  RoundCreateSchema,
  RoundEventSchema,
  RoundStateSchema,
  RoundEffectSchema,
  RoundViewSchema,
  RoundAnalyticsSchema,
  SessionAnalyticsSchema,
};

describe('round schemas', () => {
  it.each(Object.entries(PUBLIC))('%s converts to JSON Schema for the OpenAPI document', (_name, schema) => {
    for (const io of ['input', 'output'] as const) {
      const js = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
      expect(typeof js).toBe('object');
    }
  });

  it('lists every event type once', () => {
    expect(new Set(ROUND_EVENT_TYPES).size).toBe(ROUND_EVENT_TYPES.length);
    expect(ROUND_EVENT_TYPES).toHaveLength(18);
  });

  it('round-trips a persisted state through JSON', () => {
    const { state } = roundIn('peer_instruction', 'revealed');
    expect(RoundStateSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it('validates round creation: 2 to 6 options and a correct option among them', () => {
    const base = { kind: 'peer_instruction', question: 'Q?', options: ['a', 'b'] };
    expect(RoundCreateSchema.safeParse(base).success).toBe(true);
    expect(RoundCreateSchema.safeParse({ ...base, options: ['a'] }).success).toBe(false);
    expect(
      RoundCreateSchema.safeParse({ ...base, options: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }).success,
    ).toBe(false);
    expect(RoundCreateSchema.safeParse({ ...base, correctOption: 2 }).success).toBe(false);
    expect(RoundCreateSchema.safeParse({ ...base, settings: { durations: { answering: 5 } } }).success).toBe(
      false,
    );
    expect(RoundCreateSchema.parse(base)).toMatchObject({
      correctOption: null,
      settings: { durations: { answering: 75_000, discussion: 180_000, revote: 60_000 } },
    });
    expect(RoundCreateSchema.parse({ kind: 'question_round', topic: 'T' })).toMatchObject({
      settings: { durations: { asking: 300_000 }, topQuestions: 5 },
    });
    expect(RoundCreateSchema.parse({ kind: 'muddiest_point' })).toMatchObject({
      settings: { durations: { collecting: 120_000 } },
    });
  });
});
