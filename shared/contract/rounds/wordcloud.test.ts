import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupWords, wordKey, type WordItem } from './wordcloud';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzåäöéü'.split('');
const word = fc.array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 12 }).map((l) => l.join(''));
const phrase = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
const items = fc.array(
  fc.record({ text: fc.oneof(phrase, fc.constantFrom('Träd', 'träden', 'TRAD', 'the', 'Heaps', 'heap')) }),
  { maxLength: 40 },
);
const withTimes = (xs: { text: string }[]): WordItem[] => xs.map((x, i) => ({ text: x.text, createdAt: i }));

describe('wordKey (property)', () => {
  it('ignores case, accents written as combining marks, punctuation and spacing', () => {
    fc.assert(
      fc.property(phrase, (p) => {
        const key = wordKey(p);
        expect(wordKey(p.toUpperCase())).toBe(key);
        expect(wordKey(p.normalize('NFD'))).toBe(key);
        expect(wordKey(`  ${p.replace(/ /g, ' , ')}!? `)).toBe(key);
        expect(key).toBe(key.toLowerCase());
        expect(key).not.toMatch(/[\u0300-\u036f]/);
      }),
    );
  });
});

describe('groupWords (property)', () => {
  it('counts every entry that carries meaning exactly once', () => {
    fc.assert(
      fc.property(items, (xs) => {
        const groups = groupWords(withTimes(xs));
        const meaningful = xs.filter((x) => wordKey(x.text) !== '').length;
        expect(groups.reduce((s, g) => s + g.count, 0)).toBe(meaningful);
        expect(new Set(groups.map((g) => g.key)).size).toBe(groups.length);
        for (const g of groups) expect(wordKey(g.label)).toBe(g.key);
      }),
    );
  });

  it('is idempotent: grouping the cloud again gives the same cloud', () => {
    fc.assert(
      fc.property(items, (xs) => {
        const groups = groupWords(withTimes(xs));
        const again = groupWords(
          withTimes(groups.flatMap((g) => Array.from({ length: g.count }, () => ({ text: g.label })))),
        );
        expect(again).toEqual(groups);
      }),
    );
  });
});

describe('wordKey', () => {
  it.each([
    ['Algorithm', 'algorithms'],
    ['class', 'classes'],
    ['query', 'queries'],
    ['Process', 'processes'],
    ['bil', 'bilar'],
    ['bil', 'bilarna'],
    ['flicka', 'flickor'],
    ['pojke', 'pojkar'],
    ['Träd', 'traden'],
    ['café', 'CAFES'],
    ['Mängd', 'mängder'],
  ])('groups %s with %s', (a, b) => {
    expect(wordKey(a)).toBe(wordKey(b));
    expect(wordKey(a)).not.toBe('');
  });

  it('drops English and Swedish stop words, keeping what carries meaning', () => {
    expect(wordKey('the')).toBe('');
    expect(wordKey('och det är')).toBe('');
    expect(wordKey('theory of mind')).toBe(wordKey('Theory mind'));
    expect(wordKey('teorierna om allt')).toBe(wordKey('teori'));
  });

  it('labels a group with its most common form', () => {
    const groups = groupWords(
      withTimes([{ text: 'entropy' }, { text: 'Entropy' }, { text: 'Entropy' }, { text: 'heap' }]),
    );
    expect(groups).toEqual([
      { key: wordKey('entropy'), label: 'Entropy', count: 3 },
      { key: wordKey('heap'), label: 'heap', count: 1 },
    ]);
  });
});
