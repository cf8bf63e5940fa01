import { describe, expect, it } from 'vitest';
import { REMOVED_TEXT } from '../../contract/removedText';
import { answerNote, askedLine, isStoaLine, scrubStoaLine } from './writeBackLines';

const ERASED = ['Zelda Quintero-Marsh'];
const TEXTS = new Set(['Why is the orbit an ellipse and not a circle?']);

describe('lines Stoa writes into round summaries', () => {
  it('recognises its own lines and nothing people would type', () => {
    expect(isStoaLine(askedLine('Zelda Quintero-Marsh', 'Orbits', null))).toBe(true);
    expect(isStoaLine(askedLine(null, 'Orbits', 'Kepler'))).toBe(true);
    expect(isStoaLine(answerNote(false, 'Zelda Quintero-Marsh'))).toBe(true);
    expect(isStoaLine(' (3 students, section Kepler)')).toBe(true);
    expect(isStoaLine('Zelda Quintero-Marsh asked why the orbit is an ellipse.')).toBe(false);
    expect(isStoaLine('Asked by Zelda Quintero-Marsh after class')).toBe(false);
  });

  it('replaces an erased asker and peer answerer with "a student", and drops a facilitator’s name', () => {
    expect(scrubStoaLine(askedLine('Zelda Quintero-Marsh', 'Orbits', null), ERASED, TEXTS)).toBe(
      'Asked by a student in the question round "Orbits".',
    );
    expect(scrubStoaLine(answerNote(false, 'Zelda Quintero-Marsh'), ERASED, TEXTS)).toBe(
      ' (peer answer, a student, endorsed)',
    );
    expect(scrubStoaLine(answerNote(true, 'Zelda Quintero-Marsh'), ERASED, TEXTS)).toBe(
      ' (facilitator, endorsed)',
    );
    // Someone else's line stays as it was.
    const other = askedLine('Ada Lovelace', 'Orbits', null);
    expect(scrubStoaLine(other, ERASED, TEXTS)).toBe(other);
  });

  it('removes a quote of an erased text, whole or cut short, from a section reference', () => {
    const whole = askedLine('Ada Lovelace', 'Orbits', 'Why is the orbit an ellipse and not a circle?');
    expect(scrubStoaLine(whole, ERASED, TEXTS)).toBe(
      `Asked by Ada Lovelace in the question round "Orbits"; see also "${REMOVED_TEXT}" in these notes.`,
    );
    const cut = askedLine('Ada Lovelace', 'Orbits', 'Why is the orbit an ellipse');
    expect(scrubStoaLine(cut, ERASED, TEXTS)).toContain(`see also "${REMOVED_TEXT}"`);
    expect(scrubStoaLine(' (2 students, section Why is the orbit an ellipse)', ERASED, TEXTS)).toBe(
      ` (2 students, section ${REMOVED_TEXT})`,
    );
    // Text people typed that quotes it is class content and stays.
    const typed = 'Why is the orbit an ellipse and not a circle? Because of angular momentum.';
    expect(scrubStoaLine(typed, ERASED, TEXTS)).toBe(typed);
  });
});
