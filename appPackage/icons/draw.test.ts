import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { checkIcon } from '../lib/icons';
import { drawColorIcon, drawOutlineIcon, ICON_FILES } from './draw';

describe('icons', () => {
  it('the committed PNGs are what draw.ts draws (rerun it after changing the artwork)', () => {
    // Pixels, not bytes: another Node's zlib may compress the same image differently.
    const pixels = (png: Buffer) => PNG.sync.read(png).data;
    expect(Buffer.compare(pixels(readFileSync(ICON_FILES.color)), pixels(drawColorIcon()))).toBe(0);
    expect(Buffer.compare(pixels(readFileSync(ICON_FILES.outline)), pixels(drawOutlineIcon()))).toBe(0);
  });

  it('color.png is 192x192, opaque and in colour', () => {
    const png = PNG.sync.read(readFileSync(ICON_FILES.color));
    expect([png.width, png.height]).toEqual([192, 192]);
    let opaque = 0;
    for (let i = 3; i < png.data.length; i += 4) if (png.data[i] === 255) opaque++;
    expect(opaque).toBe(192 * 192);
    expect(checkIcon('color', 'color.png', readFileSync(ICON_FILES.color))).toEqual([]);
  });

  it('outline.png is 32x32, white on transparent, with antialiased edges still white', () => {
    const png = PNG.sync.read(readFileSync(ICON_FILES.outline));
    expect([png.width, png.height]).toEqual([32, 32]);
    const alphas = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4) {
      const a = png.data[i + 3]!;
      alphas.add(a);
      if (a > 0) expect([png.data[i], png.data[i + 1], png.data[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(alphas.has(0)).toBe(true);
    expect([...alphas].some((a) => a > 0 && a < 255)).toBe(true);
    expect(checkIcon('outline', 'outline.png', readFileSync(ICON_FILES.outline))).toEqual([]);
  });

  it('the two icons swapped are both rejected', () => {
    expect(checkIcon('color', 'outline.png', readFileSync(ICON_FILES.outline))[0]?.message).toBe(
      'is 32x32; Teams needs the full-colour icon at exactly 192x192',
    );
    expect(checkIcon('outline', 'color.png', readFileSync(ICON_FILES.color))[0]?.message).toContain(
      'is 192x192',
    );
  });
});
