// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { previewTheme } from './previewTheme';

describe('theme preview outside Teams', () => {
  beforeEach(() => sessionStorage.clear());

  it('takes the theme from the address and keeps it for the session until `auto`', () => {
    expect(previewTheme('')).toBeNull();
    expect(previewTheme('?theme=contrast')).toBe('contrast');
    expect(previewTheme('?classId=x')).toBe('contrast');
    expect(previewTheme('?theme=dark')).toBe('dark');
    expect(previewTheme('?theme=nonsense')).toBe('default');
    expect(previewTheme('?theme=auto')).toBeNull();
    expect(previewTheme('')).toBeNull();
  });
});
