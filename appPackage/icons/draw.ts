/**
 * Draws Stoa's Teams icons: a portico (a stoa's colonnade under a pediment) whose gable holds the three
 * dots of a conversation. `npx tsx appPackage/icons/draw.ts` rewrites appPackage/color.png and
 * appPackage/outline.png; a test checks that the committed files are what this script draws.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Canvas, circle, hex, minus, polygon, rect, roundRect, type Color } from './raster';

const CREAM = hex('#FFF4E3');
const SHADE = hex('#E9D9BF');
const TEAL_TOP = hex('#1B9A92');
const TEAL_BOTTOM = hex('#0B4A5C');
const CORAL = hex('#FF8A5B');

function mix(a: Color, b: Color, t: number): Color {
  const k = Math.min(1, Math.max(0, t));
  return { r: a.r + (b.r - a.r) * k, g: a.g + (b.g - a.g) * k, b: a.b + (b.b - a.b) * k, a: 1 };
}

/** The 192x192 full-colour icon: cream portico on a teal gradient, coral conversation dots. */
export function drawColorIcon(): Buffer {
  const c = new Canvas(192, 192);
  // Diagonal gradient: light from the top left, like sun on marble.
  c.fill(rect(0, 0, 192, 192), (x, y) => mix(TEAL_TOP, TEAL_BOTTOM, (x + y) / 384));
  // The stoa's back wall, in shade behind the colonnade, gives the columns depth.
  c.fill(rect(36, 92, 156, 139), { ...TEAL_BOTTOM, a: 0.55 });

  const roof = polygon([
    [96, 36],
    [164, 76],
    [28, 76],
  ]);
  const tympanum = polygon([
    [96, 50],
    [138, 71],
    [54, 71],
  ]);
  c.fill(minus(roof, tympanum), CREAM);
  c.fill(tympanum, mix(TEAL_TOP, TEAL_BOTTOM, 0.45));
  for (const x of [82, 96, 110]) c.fill(circle(x, 64, 4.2), CORAL);

  c.fill(rect(32, 80, 160, 92), CREAM);
  c.fill(rect(32, 89, 160, 92), SHADE);
  for (const cx of [50, 80, 112, 142]) {
    c.fill(rect(cx - 11, 95, cx + 11, 100), CREAM);
    c.fill(rect(cx - 7.5, 100, cx + 7.5, 131), CREAM);
    // Two flutes per shaft: just enough texture to read as stone columns.
    c.fill(rect(cx - 3, 103, cx - 1.6, 128), SHADE);
    c.fill(rect(cx + 1.6, 103, cx + 3, 128), SHADE);
    c.fill(rect(cx - 10, 131, cx + 10, 136), CREAM);
  }
  c.fill(roundRect(28, 139, 164, 147, 1.5), CREAM);
  c.fill(roundRect(20, 150, 172, 158, 1.5), CREAM);
  return c.toPng();
}

/** The 32x32 outline icon: the same portico in white on transparency, snapped to whole pixels. */
export function drawOutlineIcon(): Buffer {
  const c = new Canvas(32, 32);
  const white = hex('#FFFFFF');
  const roof = polygon([
    [16, 3],
    [30, 11],
    [2, 11],
  ]);
  // At 32 px the conversation dots are cut out of the gable: holes stay crisp where a thin frame blurs.
  c.fill(minus(roof, rect(10, 8, 12, 10), rect(15, 8, 17, 10), rect(20, 8, 22, 10)), white);
  c.fill(rect(3, 12, 29, 14), white);
  for (const x of [5, 11, 17, 23]) c.fill(rect(x, 15, x + 4, 24), white);
  c.fill(rect(3, 25, 29, 27), white);
  c.fill(rect(1, 28, 31, 30), white);
  return c.toPng();
}

const here = dirname(fileURLToPath(import.meta.url));
/** Where the committed icons live. */
export const ICON_FILES = { color: join(here, '..', 'color.png'), outline: join(here, '..', 'outline.png') };

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(ICON_FILES.color, drawColorIcon());
  writeFileSync(ICON_FILES.outline, drawOutlineIcon());
  console.log(`Wrote ${ICON_FILES.color} and ${ICON_FILES.outline}.`);
}
