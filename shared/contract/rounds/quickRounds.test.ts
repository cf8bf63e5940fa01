import { describe, expect, it } from 'vitest';
import { RoundCreateSchema } from './create';
import { reduce } from './machine';
import { pollAnalytics, wordcloudAnalytics } from './quickAnalytics';
import { sessionAnalytics } from './analytics';
import type { PollState, WordcloudState } from './state';
import { accept, buildRound, ctx, drive, facilitator, student } from './test/factories';
import { viewRound } from './views';

const s = student;
const fac = { userId: 'fac-1', role: 'facilitator' as const };
const opts = { fullyAnonymous: false };

describe('quick poll', () => {
  it('takes a 1-5 scale, lets a student change their answer, and writes the results back at the end', () => {
    const poll = buildRound('poll', { question: 'How clear was today?', options: [], scale: 5 } as never);
    expect(poll.options).toEqual(['1', '2', '3', '4', '5']);
    const driven = drive(poll, [
      [{ type: 'start' }, facilitator],
      [{ type: 'pollAnswer', option: 4 }, s(1)],
      [{ type: 'pollAnswer', option: 1 }, s(2)],
      [{ type: 'pollAnswer', option: 2 }, s(1)],
    ]);
    const now = driven.now;
    let state = driven.state;
    expect(state.answers.map((a) => [a.userId, a.option])).toEqual([
      ['s-2-x', 1],
      ['s-1-x', 2],
    ]);
    expect(reduce(state, { type: 'pollAnswer', option: 5 }, ctx(s(3), now))).toMatchObject({
      error: 'unknown_option',
    });
    state = accept(state, { type: 'closePhase', phase: 'answering' }, ctx(facilitator, now)).state;
    expect(state.phase).toBe('gate');
    const student1 = viewRound(state, { userId: 's-1-x', role: 'student' }, opts);
    expect(student1).toMatchObject({ myAnswer: 2, results: null, answeredCount: 2 });
    expect(viewRound(state, fac, opts)).toMatchObject({ results: { counts: [0, 1, 1, 0, 0], mean: 2.5 } });
    state = accept(state, { type: 'advance' }, ctx(facilitator, now + 1)).state;
    expect(viewRound(state, { userId: 's-3-x', role: 'student' }, opts)).toMatchObject({
      phase: 'revealed',
      results: { counts: [0, 1, 1, 0, 0], answered: 2 },
    });
    const end = accept(state, { type: 'advance' }, ctx(facilitator, now + 2));
    expect(end.effects).toContainEqual({
      type: 'write_back',
      summary: { kind: 'poll', roundId: state.id, at: now + 2, analytics: pollAnalytics(state) },
    });
  });

  it('shows a facilitator who chose what in a named poll once answers close, never while answering', () => {
    const poll = buildRound('poll', { settings: { anonymous: false } });
    const { state, now } = drive(poll, [
      [{ type: 'start' }, facilitator],
      [{ type: 'pollAnswer', option: 2 }, s(1)],
    ]);
    expect(viewRound(state, fac, opts)).toMatchObject({ results: null, voters: null, answeredCount: 1 });
    const closed = accept(state, { type: 'advance', to: 'gate' }, ctx(facilitator, now)).state;
    expect(viewRound(closed, fac, opts)).toMatchObject({
      voters: [{ userId: 's-1-x', name: 'Student 1 Name', option: 2 }],
    });
    expect(viewRound(closed, fac, { fullyAnonymous: true })).toMatchObject({ voters: null });
  });

  it('refuses a poll with both options and a scale, or with neither', () => {
    const base = { kind: 'poll', question: 'Q?' };
    expect(RoundCreateSchema.safeParse({ ...base, options: ['a', 'b'], scale: 5 }).success).toBe(false);
    expect(RoundCreateSchema.safeParse(base).success).toBe(false);
    expect(RoundCreateSchema.safeParse({ ...base, scale: 7 }).success).toBe(false);
    expect(RoundCreateSchema.safeParse({ ...base, scale: 10 }).success).toBe(true);
  });
});

describe('word cloud', () => {
  function collecting(): { state: WordcloudState; now: number } {
    return drive(buildRound('wordcloud'), [
      [{ type: 'start' }, facilitator],
      [{ type: 'submitWord', text: 'Entropy' }, s(1)],
      [{ type: 'submitWord', text: 'entropies' }, s(2)],
      [{ type: 'submitWord', text: 'Träd' }, s(3)],
    ]);
  }

  it('groups words across case, accents and plurals and refuses the same word twice from one student', () => {
    const { state, now } = collecting();
    expect(reduce(state, { type: 'submitWord', text: 'ENTROPY!' }, ctx(s(1), now))).toMatchObject({
      error: 'already_answered',
    });
    expect(reduce(state, { type: 'submitWord', text: 'och' }, ctx(s(1), now))).toMatchObject({
      error: 'invalid',
    });
    const v = viewRound(state, fac, opts);
    expect(v).toMatchObject({
      cloud: [
        { label: 'Entropy', count: 2 },
        { label: 'Träd', count: 1 },
      ],
    });
  });

  it('holds a filtered word back until approved, and a hidden word leaves every view', () => {
    const { state, now } = collecting();
    const held = accept(
      state,
      { type: 'submitWord', text: 'Badword' },
      { ...ctx(s(4), now), held: true },
    ).state;
    expect(held.entries[3]).toMatchObject({ id: 'w4', status: 'held' });
    expect(viewRound(held, { userId: 's-4-x', role: 'student' }, opts)).toMatchObject({
      mine: [{ id: 'w4', text: 'Badword', status: 'held' }],
    });
    let fv = viewRound(held, fac, opts);
    expect(fv.kind === 'wordcloud' && fv.cloud?.map((g) => g.label)).toEqual(['Entropy', 'Träd']);
    const approved = accept(
      held,
      { type: 'moderateWord', entryId: 'w4', visible: true },
      ctx(facilitator, now + 1),
    );
    fv = viewRound(approved.state, fac, opts);
    expect(fv.kind === 'wordcloud' && fv.cloud?.map((g) => g.label)).toContain('Badword');

    const hidden = accept(
      state,
      { type: 'moderateWord', entryId: 'w3', visible: false },
      ctx(facilitator, now),
    );
    const revealed = drive(hidden.state, [
      [{ type: 'closePhase', phase: 'collecting' }, facilitator],
      [{ type: 'advance' }, facilitator],
    ]).state;
    for (const viewer of [
      { userId: 's-3-x', role: 'student' as const },
      { userId: 's-1-x', role: 'student' as const },
    ])
      expect(JSON.stringify(viewRound(revealed, viewer, opts))).not.toContain('Träd');
    expect(wordcloudAnalytics(revealed)).toMatchObject({ entries: 2, hidden: 1, held: 0 });
    const restored = accept(
      revealed,
      { type: 'moderateWord', entryId: 'w3', visible: true },
      ctx(facilitator, now + 9),
    );
    expect(JSON.stringify(viewRound(restored.state, { userId: 's-1-x', role: 'student' }, opts))).toContain(
      'Träd',
    );
    expect(
      reduce(revealed, { type: 'moderateWord', entryId: 'w99', visible: true }, ctx(facilitator, now)),
    ).toMatchObject({
      error: 'unknown_question',
    });
  });

  it('counts quick rounds in the session analytics', () => {
    const { state } = collecting();
    const poll: PollState = drive(buildRound('poll'), [
      [{ type: 'start' }, facilitator],
      [{ type: 'pollAnswer', option: 0 }, s(1)],
    ]).state;
    const session = sessionAnalytics([state, poll]);
    expect(session).toMatchObject({ pollAnswers: 1, cloudWords: 3, rounds: { poll: 1, wordcloud: 1 } });
  });
});
