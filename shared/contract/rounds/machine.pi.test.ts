import { describe, expect, it } from 'vitest';
import type { RoundEffect } from './effects';
import { reduce } from './machine';
import type { PiState } from './state';
import { T0, accept, buildRound, ctx, facilitator, student, timer } from './test/factories';
import { roundIn } from './test/phaseStates';

const s = student;
const types = (effects: RoundEffect[]) => effects.map((e) => e.type);

function answering(): { state: PiState; now: number } {
  const { state, now } = roundIn('peer_instruction', 'answering');
  return { state: state as PiState, now };
}

describe('Peer Instruction: start', () => {
  it('opens answering with the default 75 s deadline and announces it', () => {
    const { state, effects } = accept(
      buildRound('peer_instruction'),
      {
        type: 'start',
        roster: [
          { userId: 'a', name: 'Ann' },
          { userId: 'b', name: 'Bo' },
        ],
      },
      ctx(facilitator, T0),
    );
    expect(state).toMatchObject({
      phase: 'answering',
      deadline: T0 + 75_000,
      phaseStartedAt: T0,
      eligibleCount: 2,
    });
    expect(state.roster).toEqual([
      { userId: 'a', name: 'Ann', seenAt: null },
      { userId: 'b', name: 'Bo', seenAt: null },
    ]);
    expect(effects).toEqual([
      { type: 'phase_changed', from: 'ready', to: 'answering', at: T0 },
      { type: 'schedule_deadline', phase: 'answering', at: T0 + 75_000 },
      { type: 'notify', to: { kind: 'students' }, message: { type: 'round_started' } },
    ]);
  });

  it('uses the facilitator’s durations', () => {
    const round = buildRound('peer_instruction', {
      settings: { durations: { answering: 30_000, discussion: 120_000 } },
    });
    expect(round.settings.durations).toEqual({ answering: 30_000, discussion: 120_000, revote: 60_000 });
    expect(accept(round, { type: 'start' }, ctx(facilitator, T0)).state.deadline).toBe(T0 + 30_000);
  });
});

describe('Peer Instruction: answers', () => {
  it('records one answer with confidence per student', () => {
    const { state, now } = answering();
    const next = accept(
      state,
      { type: 'answer', option: 2, confidence: 'high', idempotencyKey: 'k1' },
      ctx(s(5), now),
    );
    expect(next.effects).toEqual([]);
    expect(next.state.answers.find((a) => a.userId === 's-5-x')).toEqual({
      userId: 's-5-x',
      option: 2,
      confidence: 'high',
      at: now,
      key: 'k1',
    });
    expect(next.state.roster.find((e) => e.userId === 's-5-x')).toEqual({
      userId: 's-5-x',
      name: 'Student 5 Name',
      seenAt: now,
    });
  });

  it('refuses a second answer but treats an identical retry with the same key as a no-op', () => {
    const { state, now } = answering();
    const first = accept(
      state,
      { type: 'answer', option: 2, confidence: 'high', idempotencyKey: 'k1' },
      ctx(s(5), now),
    ).state;
    const retry = reduce(
      first,
      { type: 'answer', option: 2, confidence: 'high', idempotencyKey: 'k1' },
      ctx(s(5), now + 5),
    );
    expect(retry).toEqual({ state: first, effects: [] });
    expect(
      reduce(
        first,
        { type: 'answer', option: 3, confidence: 'high', idempotencyKey: 'k1' },
        ctx(s(5), now + 5),
      ),
    ).toMatchObject({ error: 'already_answered' });
    expect(
      reduce(
        first,
        { type: 'answer', option: 2, confidence: 'high', idempotencyKey: 'k2' },
        ctx(s(5), now + 5),
      ),
    ).toMatchObject({ error: 'already_answered' });
    expect(
      reduce(first, { type: 'answer', option: 2, confidence: 'high' }, ctx(s(5), now + 5)),
    ).toMatchObject({ error: 'already_answered' });
  });

  it('refuses answers after the deadline, even before the timer closed the phase, but still accepts a retry', () => {
    const { state, now } = answering();
    const first = accept(
      state,
      { type: 'answer', option: 0, confidence: 'low', idempotencyKey: 'k' },
      ctx(s(5), now),
    ).state;
    const late = (state.deadline as number) + 1;
    expect(reduce(first, { type: 'answer', option: 0, confidence: 'low' }, ctx(s(6), late))).toMatchObject({
      error: 'deadline_passed',
    });
    expect(
      reduce(first, { type: 'answer', option: 0, confidence: 'low', idempotencyKey: 'k' }, ctx(s(5), late)),
    ).toEqual({ state: first, effects: [] });
    expect(
      reduce(first, { type: 'answer', option: 0, confidence: 'low' }, ctx(s(6), state.deadline as number)),
    ).not.toHaveProperty('error');
  });

  it('refuses an option the question does not have', () => {
    const { state, now } = answering();
    expect(reduce(state, { type: 'answer', option: 4, confidence: 'low' }, ctx(s(5), now))).toMatchObject({
      error: 'unknown_option',
    });
  });

  it('is safe for user ids that name Object.prototype members', () => {
    const { state, now } = answering();
    let next = state;
    for (const userId of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      next = accept(
        next,
        { type: 'answer', option: 1, confidence: 'low' },
        ctx({ userId, role: 'student', name: userId }, now),
      ).state;
      expect(next.answers.some((a) => a.userId === userId)).toBe(true);
    }
    expect(next.answers).toHaveLength(6);
    expect(JSON.parse(JSON.stringify(next.answers))).toEqual(next.answers);
    expect(
      reduce(
        next,
        { type: 'answer', option: 1, confidence: 'low' },
        ctx({ userId: '__proto__', role: 'student' }, now),
      ),
    ).toMatchObject({ error: 'already_answered' });
  });
});

describe('Peer Instruction: deadlines and closing', () => {
  it('lets the timer close the phase only once the deadline has passed, and refuses a stale close', () => {
    const { state } = answering();
    const deadline = state.deadline as number;
    expect(reduce(state, { type: 'closePhase', phase: 'answering' }, ctx(timer, deadline - 1))).toMatchObject(
      { error: 'invalid' },
    );
    const gate = accept(state, { type: 'closePhase', phase: 'answering' }, ctx(timer, deadline)).state;
    expect(gate.phase).toBe('gate');
    expect(reduce(gate, { type: 'closePhase', phase: 'answering' }, ctx(timer, deadline + 5))).toMatchObject({
      error: 'wrong_phase',
    });
  });

  it('extends a deadline from the old deadline, or from now once it passed, and reschedules the timer', () => {
    const { state, now } = answering();
    const deadline = state.deadline as number;
    const extended = accept(state, { type: 'extendDeadline', byMs: 20_000 }, ctx(facilitator, now));
    expect(extended.state.deadline).toBe(deadline + 20_000);
    expect(extended.effects).toEqual([
      { type: 'schedule_deadline', phase: 'answering', at: deadline + 20_000 },
    ]);
    expect(
      reduce(extended.state, { type: 'closePhase', phase: 'answering' }, ctx(timer, deadline)),
    ).toMatchObject({ error: 'invalid' });
    const reopened = accept(
      state,
      { type: 'extendDeadline', byMs: 10_000 },
      ctx(facilitator, deadline + 5_000),
    ).state;
    expect(reopened.deadline).toBe(deadline + 15_000);
    expect(
      reduce(reopened, { type: 'answer', option: 1, confidence: 'low' }, ctx(s(7), deadline + 6_000)),
    ).not.toHaveProperty('error');
  });

  it('closes early on the facilitator’s word and drops the pending timer', () => {
    const { state, now } = answering();
    const { effects } = accept(state, { type: 'closePhase', phase: 'answering' }, ctx(facilitator, now));
    expect(types(effects)).toEqual(['cancel_deadline', 'phase_changed', 'notify']);
    expect(effects[0]).toEqual({ type: 'cancel_deadline', phase: 'answering' });
  });
});
