import { describe, expect, it } from 'vitest';
import { parseCardAction } from './actionData';
import { eventFor, type RoundCardAction } from './roundEvents';

const round = { roundId: 'rnd_1', phase: 'answering' };

function event(verb: string, data: Record<string, unknown>, key?: string) {
  const action = parseCardAction(verb, data);
  expect(action, `${verb} ${JSON.stringify(data)}`).not.toBeNull();
  return eventFor(action as RoundCardAction, key);
}

describe('card action data', () => {
  it('reads Teams input values (strings) into round events, with the idempotency key', () => {
    expect(event('answer', { ...round, option: '2', confidence: 'high' }, 'k1')).toEqual({
      type: 'answer',
      option: 2,
      confidence: 'high',
      idempotencyKey: 'k1',
    });
    expect(event('ask', { ...round, phase: 'asking', questionText: '  Why? ', anonymous: 'true' })).toEqual({
      type: 'ask',
      text: 'Why?',
      anonymous: true,
    });
    expect(event('vote', { ...round, questionId: 'q1', value: 0 })).toMatchObject({ type: 'vote', value: 0 });
    expect(event('rate', { ...round, answerId: 'a1', value: '-1' })).toMatchObject({
      type: 'rate',
      value: -1,
    });
    expect(event('endorse', { ...round, answerId: 'a1', endorsed: false })).toEqual({
      type: 'endorse',
      answerId: 'a1',
      endorsed: false,
    });
    expect(event('closePhase', round)).toEqual({ type: 'closePhase', phase: 'answering' });
    expect(event('advance', { ...round, to: 'ended' })).toEqual({ type: 'advance', to: 'ended' });
    expect(event('submitMuddy', { ...round, muddyText: 'entropy' })).toEqual({
      type: 'submitMuddy',
      text: 'entropy',
    });
  });

  it('takes a peer answer from the input named after its question', () => {
    expect(
      event('answerQuestion', { ...round, questionId: 'q7', answer_q7: 'Because.', answer_q1: 'x' }),
    ).toEqual({
      type: 'answerQuestion',
      questionId: 'q7',
      text: 'Because.',
    });
    expect(event('answerQuestion', { ...round, questionId: 'q7', answer_q1: 'x' })).toEqual({
      problem: expect.stringMatching(/Write your answer/) as unknown,
    });
  });

  it.each([
    ['a verb Stoa never sends', 'dance', round],
    ['no verb', undefined, round],
    ['an option outside the card', 'answer', { ...round, option: '9', confidence: 'low' }],
    ['a made-up confidence', 'answer', { ...round, option: '1', confidence: 'total' }],
    ['no round', 'answer', { option: '1', confidence: 'low' }],
    ['a phase that does not exist', 'closePhase', { roundId: 'r', phase: 'lunch' }],
    ['an oversized round id', 'refresh', { roundId: 'r'.repeat(65) }],
    ['an empty question', 'ask', { ...round, questionText: '   ' }],
    ['a vote of 5', 'vote', { ...round, questionId: 'q1', value: 5 }],
    ['data that is not an object', 'refresh', 'junk'],
  ])('refuses %s', (_label, verb, data) => {
    expect(parseCardAction(verb, data)).toBeNull();
  });
});
