/**
 * Draws the two Teams app icons deterministically, so they can be regenerated and reviewed as code:
 *   color.png   192×192 — a Webex-blue rounded square with a white calendar + video-camera glyph;
 *   outline.png  32×32  — the same glyph in pure white on a transparent background (Teams tints it).
 *
 * Run: `npx tsx appPackage/icons/draw-icons.ts` (writes appPackage/color.png and appPackage/outline.png).
 * The shapes are defined in unit coordinates and rasterised with 4×4 supersampling; edge pixels of the
 * outline icon stay white and only their alpha varies, which is what Teams requires of outline icons.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { findProjectRoot } from "../project-root";

type Point = readonly [number, number];

/** 4×4 samples per pixel: smooth edges without any randomness. */
const SAMPLES = 4;

/** Background gradient of the colour icon, top to bottom (manifest accentColor #1170CF sits between). */
const TOP = [0x1d, 0x8c, 0xe8] as const;
const BOTTOM = [0x0b, 0x5c, 0xb8] as const;

function inRoundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return dx * dx + dy * dy <= r * r;
}

function inTriangle(x: number, y: number, a: Point, b: Point, c: Point): boolean {
  const side = (p: Point, q: Point): number => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

/** The white glyph in unit coordinates: a calendar (frame, header band, two rings) holding a video camera. */
export function inGlyph(x: number, y: number): boolean {
  const stroke = 0.05;
  const [x0, y0, x1, y1, r] = [0.2, 0.26, 0.8, 0.8, 0.07];
  const frame = inRoundedRect(x, y, x0, y0, x1, y1, r) && !inRoundedRect(x, y, x0 + stroke, y0 + stroke, x1 - stroke, y1 - stroke, r - stroke);
  const header = inRoundedRect(x, y, x0, y0, x1, y1, r) && y <= 0.38;
  const rings = inRoundedRect(x, y, 0.335, 0.18, 0.385, 0.32, 0.025) || inRoundedRect(x, y, 0.615, 0.18, 0.665, 0.32, 0.025);
  const camera = inRoundedRect(x, y, 0.31, 0.49, 0.57, 0.69, 0.04);
  const lens = inTriangle(x, y, [0.59, 0.59], [0.7, 0.515], [0.7, 0.665]);
  return frame || header || rings || camera || lens;
}

/** Fraction (0..1) of a pixel's samples for which `inside` holds. */
function coverage(px: number, py: number, size: number, inside: (x: number, y: number) => boolean): number {
  let hits = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = (px + (sx + 0.5) / SAMPLES) / size;
      const y = (py + (sy + 0.5) / SAMPLES) / size;
      if (inside(x, y)) hits++;
    }
  }
  return hits / (SAMPLES * SAMPLES);
}

function setPixel(png: PNG, x: number, y: number, rgba: readonly [number, number, number, number]): void {
  const i = (y * png.width + x) * 4;
  png.data[i] = rgba[0];
  png.data[i + 1] = rgba[1];
  png.data[i + 2] = rgba[2];
  png.data[i + 3] = rgba[3];
}

export function drawColorIcon(size = 192): PNG {
  const png = new PNG({ width: size, height: size });
  const square = (x: number, y: number): boolean => inRoundedRect(x, y, 0, 0, 1, 1, 0.22);
  for (let py = 0; py < size; py++) {
    const t = (py + 0.5) / size;
    const bg = [0, 1, 2].map((c) => (TOP[c] ?? 0) + ((BOTTOM[c] ?? 0) - (TOP[c] ?? 0)) * t);
    for (let px = 0; px < size; px++) {
      const shape = coverage(px, py, size, square);
      const glyph = coverage(px, py, size, (x, y) => square(x, y) && inGlyph(x, y));
      // Within the square, blend white over the gradient by the glyph's share of the covered samples.
      const w = shape === 0 ? 0 : glyph / shape;
      const mix = (c: number): number => Math.round((bg[c] ?? 0) * (1 - w) + 255 * w);
      setPixel(png, px, py, [mix(0), mix(1), mix(2), Math.round(255 * shape)]);
    }
  }
  return png;
}

/** The outline glyph is drawn 1.5× larger than in the colour icon so that it stays legible at 32 px. */
export function drawOutlineIcon(size = 32): PNG {
  const png = new PNG({ width: size, height: size });
  const scale = 1.5;
  const glyph = (x: number, y: number): boolean => inGlyph(0.5 + (x - 0.5) / scale, 0.5 + (y - 0.5) / scale);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const a = Math.round(255 * coverage(px, py, size, glyph));
      // Fully transparent pixels are written as 0,0,0,0; every visible pixel is pure white.
      setPixel(png, px, py, a === 0 ? [0, 0, 0, 0] : [255, 255, 255, a]);
    }
  }
  return png;
}

export function encodePng(png: PNG): Buffer {
  return PNG.sync.write(png, { colorType: 6 });
}

export function writeIcons(appPackageDir: string): string[] {
  const written = [
    [join(appPackageDir, "color.png"), encodePng(drawColorIcon())],
    [join(appPackageDir, "outline.png"), encodePng(drawOutlineIcon())],
  ] as const;
  for (const [path, bytes] of written) writeFileSync(path, bytes);
  return written.map(([path]) => path);
}

if (require.main === module) {
  const dir = join(findProjectRoot(__dirname), "appPackage");
  for (const path of writeIcons(dir)) process.stdout.write(`wrote ${path}\n`);
}
