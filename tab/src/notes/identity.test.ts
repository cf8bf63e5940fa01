import { describe, expect, it } from 'vitest';
import { USER_COLORS, colorForUser, noteIdentity } from './identity';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe('user colours', () => {
  it('are stable for an id and valid for the caret (#rrggbb)', () => {
    expect(colorForUser('ada.lind')).toBe(colorForUser('ada.lind'));
    expect(colorForUser('ada.lind')).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('spread over the palette', () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => colorForUser(`user-${i}`)));
    expect(used.size).toBe(USER_COLORS.length);
  });

  it('all carry white label text at WCAG AA contrast', () => {
    for (const c of USER_COLORS) expect(1.05 / (luminance(c) + 0.05), c).toBeGreaterThanOrEqual(4.5);
  });

  it('names fall back to the id when blank', () => {
    expect(noteIdentity('bo', '  ')).toMatchObject({ name: 'bo', color: colorForUser('bo') });
  });
});
