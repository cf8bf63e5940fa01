import { describe, expect, it } from 'vitest';
import type { RoundEffect } from './effects';
import { reduce } from './machine';
import type { PiState } from './state';
import { T0, accept, buildRound, ctx, drive, facilitator, student } from './test/factories';
import { roundIn } from './test/phaseStates';

const s = student;
const types = (effects: RoundEffect[]) => effects.map((e) => e.type);

function answering(): { state: PiState; now: number } {
  const { state, now } = roundIn('peer_instruction', 'answering');
  return { state: state as PiState, now };
}

describe('Peer Instruction: gate, discussion, re-vote and reveal', () => {
  it('computes the gate recommendation and tells the facilitators', () => {
    const { state, now } = answering();
    const { state: gate, effects } = accept(
      state,
      { type: 'closePhase', phase: 'answering' },
      ctx(facilitator, now),
    );
    expect(gate.gating).toMatchObject({
      recommendation: 'discuss',
      shareCorrect: 0.5,
      answered: 2,
      correct: 1,
    });
    expect(gate.deadline).toBeNull();
    expect(effects).toContainEqual({
      type: 'notify',
      to: { kind: 'facilitators' },
      message: { type: 'gate_ready', recommendation: 'discuss' },
    });
  });

  it('forms discussion groups covering answerers and present non-answerers, and tells each group privately', () => {
    const start = answering();
    const now = start.now;
    let state = start.state;
    state = drive(
      state,
      [
        [{ type: 'answer', option: 1, confidence: 'low' }, s(3)],
        [{ type: 'answer', option: 2, confidence: 'low' }, s(4)],
        [{ type: 'join' }, s(5)],
      ],
      now,
    ).state;
    state = accept(state, { type: 'closePhase', phase: 'answering' }, ctx(facilitator, now + 10)).state;
    const { state: disc, effects } = accept(
      state,
      { type: 'advance', to: 'discussion' },
      ctx(facilitator, now + 20),
    );
    const groups = disc.groups ?? [];
    expect(groups.flatMap((g) => g.members).sort()).toEqual(['s-1-x', 's-2-x', 's-3-x', 's-4-x', 's-5-x']);
    expect(disc.deadline).toBe(now + 20 + 180_000);
    expect(effects).toContainEqual({ type: 'groups_formed', groups });
    const notes = effects.filter((e) => e.type === 'notify');
    expect(notes).toHaveLength(groups.length);
    notes.forEach((n, i) =>
      expect(n).toEqual({
        type: 'notify',
        to: { kind: 'users', userIds: groups[i]?.members },
        message: { type: 'group_assigned', groupIndex: i },
      }),
    );
  });

  it('adds a late joiner to the smallest group once, and tells that group', () => {
    const { state, now } = roundIn('peer_instruction', 'discussion');
    const joined = accept(state, { type: 'join' }, ctx(s(7), now));
    expect(joined.effects[0]).toEqual({ type: 'group_joined', groupIndex: 0, userId: 's-7-x' });
    expect((joined.state as PiState).groups?.[0]?.members).toContain('s-7-x');
    expect(accept(joined.state, { type: 'join' }, ctx(s(7), now + 1)).effects).toEqual([]);
  });

  it('takes one re-vote per student, including students who did not vote first', () => {
    const { state, now } = roundIn('peer_instruction', 'revote');
    expect(reduce(state, { type: 'revote', option: 0, confidence: 'low' }, ctx(s(1), now))).toMatchObject({
      error: 'already_answered',
    });
    const next = accept(state, { type: 'revote', option: 1, confidence: 'high' }, ctx(s(8), now))
      .state as PiState;
    expect(next.revotes.map((a) => a.userId)).toEqual(['s-1-x', 's-8-x']);
    expect(state.deadline).toBe((state as PiState).phaseStartedAt + 60_000);
  });

  it('writes the summary back on reveal and not again at the end', () => {
    const { state, now } = roundIn('peer_instruction', 'revote');
    const revealed = accept(state, { type: 'closePhase', phase: 'revote' }, ctx(facilitator, now));
    const wb = revealed.effects.find((e) => e.type === 'write_back');
    expect(wb).toMatchObject({
      summary: {
        kind: 'peer_instruction',
        roundId: state.id,
        at: now,
        analytics: { before: { counts: [1, 1, 0, 0] }, after: { counts: [0, 1, 0, 0] } },
      },
    });
    expect(revealed.state.writtenBack).toBe(true);
    const ended = accept(revealed.state, { type: 'advance' }, ctx(facilitator, now + 1));
    expect(types(ended.effects)).toEqual(['phase_changed', 'notify']);
  });

  it('lets the facilitator skip discussion and reveal straight from the gate', () => {
    const { state, now } = roundIn('peer_instruction', 'gate');
    const { state: revealed, effects } = accept(
      state,
      { type: 'advance', to: 'revealed' },
      ctx(facilitator, now),
    );
    expect(revealed.phaseLog.map((p) => p.phase)).toEqual(['ready', 'answering', 'gate', 'revealed']);
    expect(types(effects)).toContain('write_back');
  });

  it('lets the facilitator re-teach and go straight to the re-vote, or end, but not go back', () => {
    const { state, now } = roundIn('peer_instruction', 'gate');
    expect(accept(state, { type: 'advance', to: 'revote' }, ctx(facilitator, now)).state.phase).toBe(
      'revote',
    );
    expect(accept(state, { type: 'advance', to: 'ended' }, ctx(facilitator, now)).state.phase).toBe('ended');
    expect(reduce(state, { type: 'advance', to: 'answering' }, ctx(facilitator, now))).toMatchObject({
      error: 'wrong_phase',
    });
    expect(reduce(state, { type: 'advance', to: 'asking' }, ctx(facilitator, now))).toMatchObject({
      error: 'wrong_phase',
    });
  });

  it('writes back once when ended before a reveal, and not at all without answers', () => {
    const { state, now } = answering();
    expect(types(accept(state, { type: 'advance', to: 'ended' }, ctx(facilitator, now)).effects)).toEqual([
      'cancel_deadline',
      'phase_changed',
      'write_back',
      'notify',
    ]);
    const empty = accept(buildRound('peer_instruction'), { type: 'start' }, ctx(facilitator, T0)).state;
    expect(
      types(accept(empty, { type: 'advance', to: 'ended' }, ctx(facilitator, T0 + 1)).effects),
    ).not.toContain('write_back');
  });

  it('cancels from any live phase without a summary', () => {
    const { state, now } = answering();
    const { state: cancelled, effects } = accept(state, { type: 'cancel' }, ctx(facilitator, now));
    expect(cancelled).toMatchObject({ phase: 'cancelled', deadline: null });
    expect(effects).toEqual([
      { type: 'cancel_deadline', phase: 'answering' },
      { type: 'phase_changed', from: 'answering', to: 'cancelled', at: now },
      { type: 'notify', to: { kind: 'students' }, message: { type: 'round_cancelled' } },
    ]);
    expect(reduce(cancelled, { type: 'answer', option: 1, confidence: 'low' }, ctx(s(9), now))).toMatchObject(
      { error: 'round_over' },
    );
  });
});
