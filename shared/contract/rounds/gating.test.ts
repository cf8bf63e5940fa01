import { describe, expect, it } from 'vitest';
import { recommend } from './gating';
import { GatingThresholdsSchema } from './settings';

const gate = (correct: number, answered = 100) => recommend({ answered, correct, hasCorrectOption: true });

describe('recommend', () => {
  it('re-teaches below 35% correct', () => {
    expect(gate(0).recommendation).toBe('reteach');
    expect(gate(34).recommendation).toBe('reteach');
    expect(gate(349, 1000).recommendation).toBe('reteach');
  });

  it('discusses from 35% to 70% inclusive', () => {
    expect(gate(35).recommendation).toBe('discuss');
    expect(gate(52).recommendation).toBe('discuss');
    expect(gate(70).recommendation).toBe('discuss');
  });

  it('explains and moves on above 70%', () => {
    expect(gate(71).recommendation).toBe('explain_and_move_on');
    expect(gate(100).recommendation).toBe('explain_and_move_on');
  });

  it('reports the share, the counts and a readable reason', () => {
    const r = gate(13, 40);
    expect(r).toMatchObject({ shareCorrect: 13 / 40, answered: 40, correct: 13, recommendation: 'reteach' });
    expect(r.reason).toContain('33%');
  });

  it('uses configured thresholds', () => {
    const strict = GatingThresholdsSchema.parse({ reteachBelow: 0.5, moveOnAbove: 0.9 });
    expect(recommend({ answered: 10, correct: 4, hasCorrectOption: true }, strict).recommendation).toBe(
      'reteach',
    );
    expect(recommend({ answered: 10, correct: 8, hasCorrectOption: true }, strict).recommendation).toBe(
      'discuss',
    );
    expect(recommend({ answered: 10, correct: 10, hasCorrectOption: true }, strict).recommendation).toBe(
      'explain_and_move_on',
    );
  });

  it('refuses thresholds that cross', () => {
    expect(GatingThresholdsSchema.safeParse({ reteachBelow: 0.8, moveOnAbove: 0.5 }).success).toBe(false);
    expect(GatingThresholdsSchema.parse({})).toEqual({ reteachBelow: 0.35, moveOnAbove: 0.7 });
  });

  it('recommends discussion with a reason for an opinion question', () => {
    const r = recommend({ answered: 30, correct: 0, hasCorrectOption: false });
    expect(r).toMatchObject({ recommendation: 'discuss', shareCorrect: null });
    expect(r.reason).toMatch(/opinion/i);
  });

  it('recommends discussion with a reason when nobody answered', () => {
    const r = gate(0, 0);
    expect(r).toMatchObject({ recommendation: 'discuss', shareCorrect: null, answered: 0 });
    expect(r.reason).toMatch(/nobody/i);
  });
});
