import { describe, expect, it } from 'vitest';
import { ERROR_IDS } from '../../../shared/contract/errors';
import { StoaApiError, StoaNetworkError } from '../../../shared/client/errors';
import { describeError, errorMessageKey } from '../errors';
import { en } from './en';
import { LANGUAGES, loadLanguage, resolveLanguage, translator } from './index';

describe('i18n', () => {
  it('resolves Teams and browser locales, falling back to English', () => {
    expect(resolveLanguage('en-us')).toBe('en');
    expect(resolveLanguage('EN_GB')).toBe('en');
    expect(resolveLanguage('sv-SE')).toBe('sv');
    expect(resolveLanguage('sv')).toBe('sv');
    expect(resolveLanguage('de-DE')).toBe('en');
    expect(resolveLanguage(undefined)).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('en');
    expect(t('nav.signedInAs', { name: 'Ada' })).toBe('Signed in as Ada');
    expect(t('nav.signedInAs')).toBe('Signed in as {name}');
  });

  it('has no empty string', () => {
    expect(Object.entries(en).filter(([, v]) => !v.trim())).toEqual([]);
  });

  it('ships every key in every language, with the same placeholders as English', async () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const language of LANGUAGES) {
      const messages = await loadLanguage(language);
      expect(Object.keys(messages).sort(), language).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${language} ${key}`).not.toBe('');
        expect(names(text), `${language} ${key}`).toEqual(names(en[key as keyof typeof en]));
      }
    }
    expect(translator('sv')('classes.title')).toBe('Mina kurser');
  });
});

describe('error messages', () => {
  const t = translator('en');

  it('maps every service error id to its own friendly sentence, never the server text', () => {
    for (const id of ERROR_IDS) {
      const err = new StoaApiError(id, 400, 'raw server detail');
      expect(errorMessageKey(err)).toBe(`errors.${id}`);
      expect(describeError(err, t)).not.toContain('raw server detail');
    }
  });

  it('explains network failures and unknown throws', () => {
    expect(describeError(new StoaNetworkError('boom'), t)).toBe(en['errors.network']);
    expect(describeError(new TypeError('x is undefined'), t)).toBe(en['errors.unknown']);
  });
});
