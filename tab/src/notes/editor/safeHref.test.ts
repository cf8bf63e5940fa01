import { describe, expect, it } from 'vitest';
import { safeHref } from './InsertForms';

describe('link addresses', () => {
  it('accepts web and email addresses, adding https:// when it is missing', () => {
    expect(safeHref('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(safeHref('  example.org/optics ')).toBe('https://example.org/optics');
    expect(safeHref('mailto:ada@example.org')).toBe('mailto:ada@example.org');
  });

  it('refuses scripts, data URLs and empty input', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHref('   ')).toBeNull();
  });
});
