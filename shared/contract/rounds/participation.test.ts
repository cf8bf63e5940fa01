import { describe, expect, it } from 'vitest';
import { lowParticipation } from './participation';

describe('lowParticipation', () => {
  it('warns when 1 of 3 students answered', () => {
    expect(lowParticipation(1, 3)).toEqual({ answered: 1, eligible: 3 });
  });
  it('warns for 99 of 200 and not for 100 of 200', () => {
    expect(lowParticipation(99, 200)).toEqual({ answered: 99, eligible: 200 });
    expect(lowParticipation(100, 200)).toBeNull();
  });
  it('does not warn when 2 of 3 answered, or when the round knows of nobody', () => {
    expect(lowParticipation(2, 3)).toBeNull();
    expect(lowParticipation(0, 0)).toBeNull();
    expect(lowParticipation(5, null)).toBeNull();
  });
  it('warns when nobody of 4 answered', () => {
    expect(lowParticipation(0, 4)).toEqual({ answered: 0, eligible: 4 });
  });
});
