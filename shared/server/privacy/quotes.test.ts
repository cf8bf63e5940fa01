import { describe, expect, it } from 'vitest';
import { REMOVED_TEXT } from '../../contract/removedText';
import { quotable, quoteNeedles, scrubQuotes, scrubQuotesText } from './quotes';

const texts = quotable(['Why is the orbit an ellipse and not a circle?', 'Kepler’s third law', 'Gravity']);

describe('quotes of an erased person’s texts in other people’s data', () => {
  it('looks only for texts long enough to be theirs', () => {
    expect([...texts]).toEqual(['Why is the orbit an ellipse and not a circle?', 'Kepler’s third law']);
    expect(quoteNeedles(texts)).toEqual(['%Why is the o%', '%Kepler’s thi%']);
  });

  it('replaces whole quotes, quotes inside a passage and headings cut short, and nothing else', () => {
    const state = {
      options: ['Gravity', 'Magnetism'],
      questions: [
        {
          text: 'What sets the period?',
          answeredInNotes: { passageId: 'Why is the orbit an ellipse and not a circle?', score: 0.9 },
        },
        { text: 'Units?', answeredInNotes: { passageId: 'Why is the orbit an ellipse', score: 0.7 } },
      ],
      context: {
        notes: [{ id: 'Muddiest points', text: 'Kepler’s third law *(1 student)* Tides *(2 students)*' }],
      },
    };
    expect(scrubQuotes(state, texts)).toEqual({
      options: ['Gravity', 'Magnetism'],
      questions: [
        { text: 'What sets the period?', answeredInNotes: { passageId: REMOVED_TEXT, score: 0.9 } },
        { text: 'Units?', answeredInNotes: { passageId: REMOVED_TEXT, score: 0.7 } },
      ],
      context: {
        notes: [{ id: 'Muddiest points', text: `${REMOVED_TEXT} *(1 student)* Tides *(2 students)*` }],
      },
    });
    const untouched = JSON.stringify({ b: 1, a: 'Gravity' });
    expect(scrubQuotesText(untouched, texts)).toBe(untouched);
  });
});
