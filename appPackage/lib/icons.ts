import { PNG } from 'pngjs';
import type { Problem } from './problems';

/** What Teams requires of each icon. */
export const ICON_RULES = {
  color: { size: 192, what: 'full-colour icon' },
  outline: { size: 32, what: 'outline icon' },
} as const;

export interface DecodedIcon {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel, row-major. */
  data: Uint8Array;
}

/** Decodes a PNG, or reports why it is not one. */
export function decodePng(bytes: Uint8Array, field: string, problems: Problem[]): DecodedIcon | undefined {
  try {
    const png = PNG.sync.read(Buffer.from(bytes));
    return { width: png.width, height: png.height, data: png.data };
  } catch (err) {
    problems.push({
      field,
      message: `is not a readable PNG (${(err as Error).message})`,
      fix: 'export it as PNG, or redraw with `npx tsx appPackage/icons/draw.ts`',
    });
    return undefined;
  }
}

/**
 * Checks one icon: exact size; the outline white on a transparent background (Teams tints it, so any
 * colour would show); the colour icon in colour, so the two files cannot be swapped unnoticed.
 */
export function checkIcon(kind: keyof typeof ICON_RULES, file: string, bytes: Uint8Array): Problem[] {
  const problems: Problem[] = [];
  const field = `icons.${kind} (${file})`;
  const icon = decodePng(bytes, field, problems);
  if (!icon) return problems;
  const { size, what } = ICON_RULES[kind];
  if (icon.width !== size || icon.height !== size) {
    problems.push({
      field,
      message: `is ${icon.width}x${icon.height}; Teams needs the ${what} at exactly ${size}x${size}`,
      fix: `resize it to ${size}x${size}, or redraw with \`npx tsx appPackage/icons/draw.ts\``,
    });
    return problems;
  }
  let transparent = 0;
  let coloured = 0;
  let notWhite = 0;
  for (let i = 0; i < icon.data.length; i += 4) {
    const [r, g, b, a] = [icon.data[i]!, icon.data[i + 1]!, icon.data[i + 2]!, icon.data[i + 3]!];
    if (a < 255) transparent++;
    if (a > 0 && (r < 250 || g < 250 || b < 250)) notWhite++;
    if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 24) coloured++;
  }
  const pixels = size * size;
  if (kind === 'outline') {
    if (notWhite > 0) {
      problems.push({
        field,
        message: `has ${notWhite} visible pixels that are not white`,
        fix: 'draw the outline in pure white (#FFFFFF) only; use transparency for everything else',
      });
    }
    if (transparent < pixels / 4) {
      problems.push({
        field,
        message: 'has no transparent background',
        fix: 'make the background fully transparent; only the white symbol may be visible',
      });
    }
  } else if (coloured < pixels / 20) {
    problems.push({
      field,
      message: 'has almost no colour; it looks like an outline icon',
      fix: 'use the full-colour artwork here (a white-on-transparent file belongs in icons.outline)',
    });
  }
  return problems;
}
