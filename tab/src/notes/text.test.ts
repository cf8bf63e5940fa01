import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { snippet, tCount } from './text';

describe('notes text helpers', () => {
  it('counts in the plural form of the language', () => {
    const t = translator('en');
    expect(tCount(t, 'en', 'notes.flag.count', 1)).toBe('1 flag');
    expect(tCount(t, 'en', 'notes.flag.count', 4)).toBe('4 flags');
    expect(tCount(t, 'en', 'notes.flag.countMine', 1)).toBe('1 flag (yours)');
    expect(tCount(t, 'en', 'notes.status.pending', 0)).toBe('0 changes not saved yet');
  });

  it('shortens passages to one line, cut at a word', () => {
    expect(snippet('  Light\n bends   at the boundary. ')).toBe('Light bends at the boundary.');
    expect(snippet('Refraction happens when light changes speed between media', 30)).toBe(
      'Refraction happens when light…',
    );
  });
});
