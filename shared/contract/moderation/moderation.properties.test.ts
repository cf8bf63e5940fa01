import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeForScreening, screenPost } from './screen';
import { initialStatus, isVisible, moderate, MODERATION_ACTIONS, MODERATION_STATUSES } from './status';

const arbStatus = fc.constantFrom(...MODERATION_STATUSES);
const arbAction = fc.constantFrom(...MODERATION_ACTIONS);

describe('moderation states (properties)', () => {
  it('a hidden post is never visible to a student, author or not; a published one always is', () => {
    fc.assert(
      fc.property(fc.boolean(), (author) => {
        expect(isVisible('hidden', { facilitator: false, author })).toBe(false);
        expect(isVisible('published', { facilitator: false, author })).toBe(true);
        expect(isVisible('pending', { facilitator: false, author })).toBe(author);
      }),
    );
  });

  it('every action is idempotent, and "changed" says exactly whether the status moved', () => {
    fc.assert(
      fc.property(arbStatus, arbAction, (status, action) => {
        const once = moderate(status, action);
        expect(once.changed).toBe(once.status !== status);
        expect(moderate(once.status, action)).toEqual({ status: once.status, changed: false });
      }),
    );
  });

  it('after any sequence, the last hide or the restore after it decides; only approve ends a wait', () => {
    fc.assert(
      fc.property(arbStatus, fc.array(arbAction, { maxLength: 30 }), (start, actions) => {
        const end = actions.reduce((s, a) => moderate(s, a).status, start);
        const lastHide = actions.lastIndexOf('hide');
        const lastRestore = actions.lastIndexOf('restore');
        // Nothing but restore brings a hidden post back: approve after hide leaves it hidden.
        if (lastHide > lastRestore) expect(end).toBe('hidden');
        else if (lastHide >= 0) expect(end).toBe('published');
        if (start === 'hidden' && !actions.includes('restore')) expect(end).toBe('hidden');
        // A waiting post stays waiting until approved or hidden; nothing else puts a post in the queue.
        const waits = start === 'pending' && !actions.includes('approve') && !actions.includes('hide');
        expect(end === 'pending').toBe(waits);
      }),
      { numRuns: 1000 },
    );
  });

  it('a student post waits exactly when the class pre-moderates or the filter matched; facilitators always publish', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.string({ maxLength: 60 }), (queueAll, facilitator, text) => {
        const screen = screenPost(text);
        const status = initialStatus({ facilitator }, { queueAll, words: [] }, screen);
        expect(status).toBe(facilitator ? 'published' : queueAll || !screen.clean ? 'pending' : 'published');
      }),
    );
  });
});

describe('word filter', () => {
  it.each([
    ['What the fuck is a monad?', ['fuck']],
    ['what the FUUUCK', ['fuck']],
    ['sh1t this is hard', ['shit']],
    ['f u c k this', ['fuck']],
    ['Det här är ju för helvete omöjligt', ['for helvete', 'helvete']],
    ['vilken jävla kuk', ['kuk']],
  ])('catches %s', (text, matched) => {
    expect(screenPost(text).matched).toEqual(matched);
  });

  it.each([
    'Is the class Assessment graded?',
    'How is sex determined in birds?',
    'Lägg till sex procent moms',
    'Hur gör man en sås till fisken?',
    'Sätta på ugnen: 200 grader',
    'What is an analysis of variance?',
    'Is the hard disk faster than RAM?',
    'What happens in case 455 of the proof?',
    'Is 5318008 a valid answer?',
  ])('leaves a lecture question alone: %s', (text) => {
    expect(screenPost(text)).toEqual({ clean: true, matched: [] });
  });

  it('adds the class’s own words, as whole words after the same normalisation', () => {
    expect(screenPost('Is Blockchain on the exam?', ['blockchain']).matched).toEqual(['blockchain']);
    expect(screenPost('Is blockchains on the exam?', ['blockchain']).clean).toBe(true);
    expect(screenPost('Vad är Åsikt?', ['asikt']).matched).toEqual(['asikt']);
  });

  it('normalisation is idempotent and screening never throws (properties)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }),
        (text, words) => {
          const norm = normalizeForScreening(text);
          expect(normalizeForScreening(norm)).toBe(norm);
          const r = screenPost(text, words);
          expect(r.clean).toBe(r.matched.length === 0);
        },
      ),
    );
  });
});
