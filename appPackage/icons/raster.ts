import { PNG } from 'pngjs';

/** A colour as 0-255 channels and an opacity from 0 to 1. */
export interface Color {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** An area of the plane in pixel units: an inside test plus a bounding box to keep sampling cheap. */
export interface Shape {
  contains(x: number, y: number): boolean;
  box: { x0: number; y0: number; x1: number; y1: number };
}

/** Parses `#rrggbb` (opaque) into a Color. */
export function hex(value: string, a = 1): Color {
  const n = Number.parseInt(value.replace('#', ''), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255, a };
}

/** An axis-aligned rectangle from (x0, y0) to (x1, y1). */
export function rect(x0: number, y0: number, x1: number, y1: number): Shape {
  return { contains: (x, y) => x >= x0 && x < x1 && y >= y0 && y < y1, box: { x0, y0, x1, y1 } };
}

/** A circle. */
export function circle(cx: number, cy: number, r: number): Shape {
  return {
    contains: (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r,
    box: { x0: cx - r, y0: cy - r, x1: cx + r, y1: cy + r },
  };
}

/** A rectangle with rounded corners of radius `r`. */
export function roundRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return {
    contains: (x, y) => {
      if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
      const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
      const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
      return dx * dx + dy * dy <= r * r;
    },
    box: { x0, y0, x1, y1 },
  };
}

/** A closed polygon (even-odd rule), points as [x, y]. */
export function polygon(points: Array<[number, number]>): Shape {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return {
    contains: (x, y) => {
      let inside = false;
      for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
        const [xi, yi] = points[i]!;
        const [xj, yj] = points[j]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
      return inside;
    },
    box: { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) },
  };
}

/** The part of `a` outside every shape in `cut`. */
export function minus(a: Shape, ...cut: Shape[]): Shape {
  return { contains: (x, y) => a.contains(x, y) && !cut.some((c) => c.contains(x, y)), box: a.box };
}

/**
 * An RGBA canvas painted with antialiased shapes. Each pixel is sampled on a grid of sub-pixels and the
 * covered fraction becomes the paint's opacity, composited "over" in premultiplied space so that white
 * painted on transparency stays pure white at every edge (the outline icon depends on that).
 */
export class Canvas {
  private readonly px: Float64Array;

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly samples = 8,
  ) {
    this.px = new Float64Array(width * height * 4);
  }

  /** Paints `shape` with a flat colour or a colour computed per pixel centre. */
  fill(shape: Shape, paint: Color | ((x: number, y: number) => Color)): void {
    const n = this.samples;
    const x0 = Math.max(0, Math.floor(shape.box.x0));
    const y0 = Math.max(0, Math.floor(shape.box.y0));
    const x1 = Math.min(this.width, Math.ceil(shape.box.x1));
    const y1 = Math.min(this.height, Math.ceil(shape.box.y1));
    for (let py = y0; py < y1; py++) {
      for (let px = x0; px < x1; px++) {
        let hits = 0;
        for (let sy = 0; sy < n; sy++)
          for (let sx = 0; sx < n; sx++) if (shape.contains(px + (sx + 0.5) / n, py + (sy + 0.5) / n)) hits++;
        if (hits === 0) continue;
        const c = typeof paint === 'function' ? paint(px + 0.5, py + 0.5) : paint;
        this.blend(px, py, c, (hits / (n * n)) * c.a);
      }
    }
  }

  private blend(x: number, y: number, c: Color, alpha: number): void {
    const i = (y * this.width + x) * 4;
    const keep = 1 - alpha;
    this.px[i] = (c.r / 255) * alpha + this.px[i]! * keep;
    this.px[i + 1] = (c.g / 255) * alpha + this.px[i + 1]! * keep;
    this.px[i + 2] = (c.b / 255) * alpha + this.px[i + 2]! * keep;
    this.px[i + 3] = alpha + this.px[i + 3]! * keep;
  }

  /** Encodes the canvas as a PNG (straight, not premultiplied, alpha). */
  toPng(): Buffer {
    const png = new PNG({ width: this.width, height: this.height });
    for (let i = 0; i < this.width * this.height; i++) {
      const a = this.px[i * 4 + 3]!;
      for (let ch = 0; ch < 3; ch++) {
        png.data[i * 4 + ch] = a > 0 ? Math.round(Math.min(1, this.px[i * 4 + ch]! / a) * 255) : 0;
      }
      png.data[i * 4 + 3] = Math.round(a * 255);
    }
    return PNG.sync.write(png);
  }
}
