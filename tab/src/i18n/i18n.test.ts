import { describe, expect, it } from 'vitest';
import { ERROR_IDS } from '../../../shared/contract/errors';
import { StoaApiError, StoaNetworkError } from '../../../shared/client/errors';
import { describeError, errorMessageKey } from '../errors';
import { en } from './en';
import { resolveLanguage, translator } from './index';

describe('i18n', () => {
  it('resolves Teams and browser locales, falling back to English', () => {
    expect(resolveLanguage('en-us')).toBe('en');
    expect(resolveLanguage('EN_GB')).toBe('en');
    expect(resolveLanguage('sv-SE')).toBe('en');
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
