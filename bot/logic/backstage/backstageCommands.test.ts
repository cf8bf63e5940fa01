import { describe, expect, it } from 'vitest';
import { parseAsk } from './backstageCommands';

describe('parseAsk', () => {
  it('reads a named question as typed', () => {
    expect(parseAsk('  Why is the sky blue? ')).toEqual({ text: 'Why is the sky blue?', anonymous: false });
  });
  it.each(['anon', 'ANON', 'anonymous', '-a', '--anon'])(
    '%s before the question makes it anonymous',
    (flag) => {
      expect(parseAsk(`${flag} Why is the sky blue?`)).toEqual({
        text: 'Why is the sky blue?',
        anonymous: true,
      });
    },
  );
  it('a word that merely starts with anon is part of the question', () => {
    expect(parseAsk('anonymity in surveys: does it help?')).toEqual({
      text: 'anonymity in surveys: does it help?',
      anonymous: false,
    });
  });
  it('a bare flag leaves no question', () => {
    expect(parseAsk('anon')).toEqual({ text: '', anonymous: true });
  });
});
