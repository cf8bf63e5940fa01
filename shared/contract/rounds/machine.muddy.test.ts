import { describe, expect, it } from 'vitest';
import { reduce } from './machine';
import type { MuddyState } from './state';
import { T0, accept, buildRound, ctx, drive, facilitator, student, timer } from './test/factories';

const s = student;
const collecting = (overrides = {}) =>
  accept(buildRound('muddiest_point', overrides), { type: 'start' }, ctx(facilitator, T0)).state;

describe('muddiest point', () => {
  it('collects one anonymous point per student for 2 minutes', () => {
    const state = collecting();
    expect(state).toMatchObject({
      phase: 'collecting',
      deadline: T0 + 120_000,
      prompt: 'What was the muddiest point of today?',
    });
    const next = accept(
      state,
      { type: 'submitMuddy', text: 'Page tables', headingId: 'h-3', idempotencyKey: 'k' },
      ctx(s(1), T0 + 5),
    ).state;
    expect(next.points).toEqual([
      {
        id: 'm1',
        authorId: 's-1-x',
        authorName: 'Student 1 Name',
        text: 'Page tables',
        headingId: 'h-3',
        anonymous: true,
        createdAt: T0 + 5,
        key: 'k',
      },
    ]);
    expect(
      reduce(
        next,
        { type: 'submitMuddy', text: 'Page tables', headingId: 'h-3', idempotencyKey: 'k' },
        ctx(s(1), T0 + 6),
      ),
    ).toEqual({ state: next, effects: [] });
    expect(reduce(next, { type: 'submitMuddy', text: 'TLB' }, ctx(s(1), T0 + 6))).toMatchObject({
      error: 'already_answered',
    });
    expect(reduce(next, { type: 'submitMuddy', text: 'TLB' }, ctx(s(2), T0 + 120_001))).toMatchObject({
      error: 'deadline_passed',
    });
  });

  it('names points when the facilitator turned anonymity off', () => {
    const state = collecting({ settings: { allowAnonymous: false } });
    expect(
      accept(state, { type: 'submitMuddy', text: 'TLB' }, ctx(s(1), T0 + 1)).state.points[0]?.anonymous,
    ).toBe(false);
    expect(
      reduce(state, { type: 'submitMuddy', text: 'TLB', anonymous: true }, ctx(s(1), T0 + 1)),
    ).toMatchObject({ error: 'anonymous_off' });
  });

  it('ends on the timer and writes the ranked, grouped list back', () => {
    let state: MuddyState = collecting({ prompt: 'What is still unclear about memory?' });
    state = drive(state, [
      [{ type: 'submitMuddy', text: 'page tables' }, s(1)],
      [{ type: 'submitMuddy', text: 'Page table walks' }, s(2)],
      [{ type: 'submitMuddy', text: 'Semaphores' }, s(3)],
    ]).state;
    const { state: ended, effects } = accept(
      state,
      { type: 'closePhase', phase: 'collecting' },
      ctx(timer, T0 + 120_000),
    );
    expect(ended.phase).toBe('ended');
    const wb = effects.find((e) => e.type === 'write_back');
    expect(wb).toMatchObject({
      summary: {
        kind: 'muddiest_point',
        analytics: {
          prompt: 'What is still unclear about memory?',
          submissions: 3,
          clusters: [{ count: 2 }, { count: 1 }],
        },
      },
    });
    expect(JSON.stringify(wb)).not.toContain('s-1-x');
  });

  it('ends without a write-back when nobody submitted', () => {
    const { effects } = accept(collecting(), { type: 'advance' }, ctx(facilitator, T0 + 1));
    expect(effects.map((e) => e.type)).toEqual(['cancel_deadline', 'phase_changed', 'notify']);
  });
});
