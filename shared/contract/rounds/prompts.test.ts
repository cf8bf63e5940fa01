import { describe, expect, it } from 'vitest';
import { DEFAULT_MUDDY_PROMPT, defaultMuddyPrompt } from './prompts';

describe('the default muddiest-point prompt', () => {
  it('is Swedish for a Swedish class, whatever the locale is written like', () => {
    expect(defaultMuddyPrompt('sv')).toBe('Vad var det mest oklara i dag?');
    expect(defaultMuddyPrompt('sv-SE')).toBe('Vad var det mest oklara i dag?');
    expect(defaultMuddyPrompt('SV_fi')).toBe('Vad var det mest oklara i dag?');
  });
  it('is English for English and for languages Stoa does not speak', () => {
    expect(defaultMuddyPrompt('en-GB')).toBe(DEFAULT_MUDDY_PROMPT);
    expect(defaultMuddyPrompt('de-DE')).toBe(DEFAULT_MUDDY_PROMPT);
    expect(defaultMuddyPrompt(null)).toBe(DEFAULT_MUDDY_PROMPT);
  });
});
