import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n';
import type { Annotation } from './model';
import { authorLabel, flaggers, type Viewer } from './visibility';

const t = translator('en');
const student: Viewer = { userId: 'bo', facilitator: false };
const presenting: Viewer = { userId: 'ada', facilitator: true };
const teacher: Viewer = { ...presenting, privateDetails: true };

const flag = (authorId: string | null, authorName: string | null): Annotation => ({
  id: `f-${authorId}`,
  kind: 'flag',
  from: new Uint8Array(),
  to: new Uint8Array(),
  authorId,
  authorName,
  anonymous: true,
  createdAt: 0,
  quote: '',
  resolved: false,
  resolvedBy: null,
  resolvedAt: null,
  comments: [],
});

describe('who sees whose name', () => {
  it('classmates never see the name of an anonymous comment; facilitators do, marked as such', () => {
    const comment = { authorId: 'cy', authorName: 'Cy Ek', anonymous: true };
    expect(authorLabel(comment, student, t)).toBe('Anonymous classmate');
    expect(authorLabel(comment, teacher, t)).toBe('Cy Ek (anonymous to classmates)');
    expect(authorLabel({ ...comment, anonymous: false }, student, t)).toBe('Cy Ek');
  });

  it('keeps anonymous names off a facilitator screen until "Show private details" is on', () => {
    const comment = { authorId: 'cy', authorName: 'Cy Ek', anonymous: true };
    expect(authorLabel(comment, presenting, t)).toBe('Anonymous classmate');
    expect(authorLabel({ ...comment, anonymous: false }, presenting, t)).toBe('Cy Ek');
    expect(flaggers([flag('cy', 'Cy Ek')], presenting)).toEqual([]);
  });

  it('shows "You" for your own posts and nothing stored in fully anonymous classes', () => {
    expect(authorLabel({ authorId: 'bo', authorName: 'Bo Berg', anonymous: true }, student, t)).toBe('You');
    expect(authorLabel({ authorId: null, authorName: null, anonymous: true }, teacher, t)).toBe(
      'Anonymous classmate',
    );
  });

  it('lists who flagged a passage to facilitators only', () => {
    const flags = [flag('cy', 'Cy Ek'), flag('bo', 'Bo Berg'), flag('cy', 'Cy Ek'), flag(null, null)];
    expect(flaggers(flags, teacher)).toEqual(['Bo Berg', 'Cy Ek']);
    expect(flaggers(flags, student)).toEqual([]);
  });
});
