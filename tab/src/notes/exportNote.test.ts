import { describe, expect, it } from 'vitest';
import { markdownFileName } from './exportNote';

describe('export file name', () => {
  it('is a readable slug of the session title', () => {
    expect(markdownFileName('Lecture 3: Ångström & Optics')).toBe('lecture-3-angstrom-optics.md');
    expect(markdownFileName('  ***  ')).toBe('notes.md');
  });
});
