import { describe, expect, it } from 'vitest';
import { contentWords, cosine, jaccard, normalize, stem, stems } from './text';

describe('normalize', () => {
  it('folds case and diacritics and drops punctuation', () => {
    expect(normalize('Vad är SKILLNADEN mellan en tråd och en process?!')).toBe(
      'vad ar skillnaden mellan en trad och en process',
    );
    expect(normalize('  Big-O   notation… ')).toBe('big o notation');
  });
});

describe('contentWords', () => {
  it('drops English and Swedish stopwords and question words, keeps single letters and digits', () => {
    expect(contentWords('What is the difference between a process and a thread?')).toEqual([
      'process',
      'thread',
    ]);
    expect(contentWords('Varför är det så att tråden blockerar?')).toEqual(['traden', 'blockerar']);
    expect(contentWords('Why is quicksort O(n log n)?')).toEqual(['quicksort', 'o', 'n', 'log', 'n']);
    expect(contentWords('Is step 2 needed')).toEqual(['step', '2', 'needed']);
  });
});

describe('stem', () => {
  it('maps English inflections to one stem', () => {
    expect(new Set(['thread', 'threads', 'threading'].map(stem)).size).toBe(1);
    expect(new Set(['compile', 'compiler', 'compiled', 'compiling', 'compilation'].map(stem)).size).toBe(1);
    expect(new Set(['derivative', 'derivatives'].map(stem)).size).toBe(1);
    expect(new Set(['normalised', 'normalized', 'normalisation'].map(stem)).size).toBe(1);
    expect(stem('process')).toBe('process');
    expect(stem('processes')).toBe('process');
  });

  it('maps Swedish inflections to one stem', () => {
    expect(new Set(['trad', 'traden', 'tradar', 'tradarna'].map(stem)).size).toBe(1);
    expect(new Set(['processen', 'processer', 'processerna'].map(stem)).size).toBe(1);
  });

  it('leaves short words and numbers alone', () => {
    expect(stem('bus')).toBe('bus');
    expect(stem('ram')).toBe('ram');
    expect(stem('2nd')).toBe('2nd');
  });

  it('stems a text in order', () => {
    expect(stems('Threads share processes')).toEqual(['thread', 'shar', 'process']);
  });
});

describe('set and vector similarity', () => {
  it('computes Jaccard and cosine', () => {
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
    expect(jaccard(new Set(), new Set())).toBe(0);
    expect(cosine(new Map([['x', 1]]), new Map([['x', 2]]))).toBeCloseTo(1);
    expect(cosine(new Map([['x', 1]]), new Map([['y', 1]]))).toBe(0);
  });
});
