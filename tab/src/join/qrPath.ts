import { encode } from 'uqr';

/**
 * The dark modules of a QR code as one SVG path (one square per module), with the code's size. Drawn as
 * a path rather than injected markup, so nothing but our own geometry reaches the DOM.
 */
export function qrPath(text: string): { d: string; size: number } {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  const parts: string[] = [];
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x} ${y}h1v1h-1z`);
    }),
  );
  return { d: parts.join(''), size };
}
