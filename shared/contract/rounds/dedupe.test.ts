import { describe, expect, it } from 'vitest';
import { DUPLICATE_THRESHOLD, findDuplicates, fingerprint, similarity } from './dedupe';

const sim = (a: string, b: string) => similarity(fingerprint(a), fingerprint(b));

/** Paraphrases students write for the same question (English and Swedish, with typos and spelling variants). */
const DUPLICATES: [string, string][] = [
  ['What is the difference between a process and a thread?', 'How does a thread differ from a process?'],
  ['Why do we need recursion?', 'Why is recursion needed?'],
  ['Can you explain what a pointer is?', 'What exactly is a pointer?'],
  ['How does garbage collection work in Java?', 'How does the Java garbage collector work?'],
  ['When should I use a hash map instead of a list?', 'When is a hashmap better than a list?'],
  ['What does Big O notation mean?', 'What is the meaning of big-O notation?'],
  ['Is the exam open book?', 'Will the exam be open book?'],
  ['How do I compute the derivative of a product?', 'How to compute derivatives of products?'],
  ['What is normalized gain?', 'what is normalised gain??'],
  ['Why is quicksort O(n log n) on average?', 'Why is quick sort n log n on average?'],
  ['How do deadlocks happen between threads?', 'How can threads end up in a deadlock?'],
  ['Vad är skillnaden mellan en process och en tråd?', 'Hur skiljer sig en tråd från en process?'],
  ['Varför behöver vi rekursion?', 'Varför behövs rekursion?'],
  ['Hur fungerar skräpsamling i Java?', 'Hur fungerar skrapsamlingen i Java egentligen?'],
  ['Vad är en pekare?', 'Kan någon förklara vad pekare är?'],
];

/** Questions that share words but ask different things. */
const DISTINCT: [string, string][] = [
  ['What is the difference between TCP and UDP?', 'What is the difference between a process and a thread?'],
  ['How does garbage collection work in Java?', 'How does garbage collection work in Python?'],
  ['Why do we need recursion?', 'Why do we need loops?'],
  ['What is a pointer?', 'What is a reference?'],
  ['When is the exam?', 'When is the lab deadline?'],
  ['How does a hash map handle collisions?', 'How does a hash map resize?'],
  ['Vad är en pekare?', 'Vad är en referens?'],
  ['What does Big O notation mean?', 'What does Big Theta notation mean?'],
  ['How do I compute the derivative of a product?', 'How do I compute the integral of a product?'],
  ['Why is quicksort O(n log n) on average?', 'Why is quicksort O(n^2) in the worst case?'],
  ['How do threads share memory?', 'How do processes communicate?'],
  ['Hur fungerar skräpsamling i Java?', 'Hur fungerar skräpsamling i Python?'],
  ['What?', 'Why?'],
];

describe('similarity', () => {
  it.each(DUPLICATES)('treats "%s" and "%s" as near-duplicates', (a, b) => {
    expect(sim(a, b)).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(sim(b, a)).toBeCloseTo(sim(a, b), 10);
  });

  it.each(DISTINCT)('keeps "%s" and "%s" apart', (a, b) => {
    expect(sim(a, b)).toBeLessThan(DUPLICATE_THRESHOLD);
  });

  it('leaves a margin around the threshold on the examples', () => {
    const lowestDup = Math.min(...DUPLICATES.map(([a, b]) => sim(a, b)));
    const highestDistinct = Math.max(...DISTINCT.map(([a, b]) => sim(a, b)));
    expect(lowestDup - highestDistinct).toBeGreaterThan(0.1);
  });

  it('is 1 for identical texts and 0 for texts of stopwords only', () => {
    expect(sim('How do page tables work?', 'how do PAGE tables work')).toBeCloseTo(1);
    expect(sim('What is it?', 'What is it?')).toBe(0);
  });
});

describe('findDuplicates', () => {
  const questions = [
    { id: 'q1', text: 'What is the difference between TCP and UDP?' },
    { id: 'q2', text: 'How does a thread differ from a process?' },
    { id: 'q3', text: 'What is a thread pool?' },
  ];
  const notes = [
    { id: 'h-sched', text: 'Scheduling', heading: true },
    { id: 'h-threads', text: 'Processes and threads', heading: true },
    {
      id: 'p-virtual',
      text: 'Virtual memory maps each virtual page to a physical frame through a page table; a miss in the TLB walks the page table.',
    },
  ];

  it('finds the best-matching earlier question', () => {
    expect(findDuplicates('Difference between a process and a thread?', questions).duplicateOf?.id).toBe(
      'q2',
    );
  });

  it('finds nothing for a new question', () => {
    expect(findDuplicates('How does the scheduler pick the next task?', questions, notes)).toEqual({});
  });

  it('points to a heading of the notes that covers the question', () => {
    const found = findDuplicates('What is the difference between processes and threads?', [], notes);
    expect(found.answeredInNotes?.id).toBe('h-threads');
  });

  it('points to a passage of the notes that covers the question', () => {
    const found = findDuplicates('What does the TLB do with the page table?', [], notes);
    expect(found.answeredInNotes?.id).toBe('p-virtual');
  });

  it('does not point a one-word question at any passage that mentions the word', () => {
    expect(findDuplicates('Threads?', [], notes).answeredInNotes).toBeUndefined();
  });

  it('honours custom thresholds', () => {
    expect(
      findDuplicates('Why do we need loops?', [{ id: 'r', text: 'Why do we need recursion?' }], [], {
        duplicateThreshold: 0.1,
      }).duplicateOf?.id,
    ).toBe('r');
  });
});
